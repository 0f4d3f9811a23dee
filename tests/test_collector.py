"""The collector pause restores the state it found, also when the block raises or pauses are nested."""

import gc

import pytest

from stackwright import collector


@pytest.fixture(autouse=True)
def collector_enabled():
    gc.enable()
    yield
    gc.enable()


def test_pause_turns_the_collector_off_and_back_on():
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pause_leaves_it_off_until_the_outer_one_ends():
    with collector.paused():
        with collector.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_raising_block_gives_the_collector_back():
    with pytest.raises(ValueError), collector.paused():
        raise ValueError
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off():
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()
