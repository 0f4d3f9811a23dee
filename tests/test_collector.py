"""The collector pause restores the state it found, also when the block raises or pauses are nested."""

import gc
import weakref

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


def test_apart_keeps_collections_to_what_the_block_allocates():
    before = [object()]
    with collector.apart():
        assert gc.get_freeze_count() >= 1  # `before` and everything else alive is out of the generations
        with collector.apart():
            pass
        assert gc.get_freeze_count() >= 1  # the inner block's end does not end the outer one's
    assert gc.get_freeze_count() == 0
    assert before


def test_cyclic_garbage_from_before_apart_is_collected_after_it():
    class Node:
        pass

    node = Node()
    node.me = node
    alive = weakref.ref(node)
    del node
    with collector.apart():
        gc.collect()
        assert alive() is not None  # frozen: the block's collections leave it
    gc.collect()
    assert alive() is None


def test_a_raising_block_unfreezes():
    with pytest.raises(ValueError), collector.apart():
        raise ValueError
    assert gc.get_freeze_count() == 0
def test_what_a_kept_pause_built_joins_the_oldest_generation():
    with collector.paused(kept=True):
        built = [[] for _ in range(20_000)]
    assert any(o is built for o in gc.get_objects(generation=2)) and gc.get_freeze_count() == 0


def test_a_cycle_made_in_a_kept_pause_is_still_collected():
    class Node:
        pass

    with collector.paused(kept=True):
        node = Node()
        node.itself = node
        alive = weakref.ref(node)
        del node
    gc.collect()
    assert alive() is None
