"""Dataclasses made while the method cache is installed get the methods `dataclasses` writes without it, from
code compiled once and read back from the user cache by the next process; a damaged file is only a miss."""

from __future__ import annotations

import dataclasses
import inspect
import os
import sys
import tempfile
import types

import pytest

from stackwright import method_cache

SOURCE = '''
from dataclasses import dataclass, field

@dataclass(frozen=True)
class Point:
    """A point."""

    x: int
    y: float = 0.5
    tags: tuple[str, ...] = field(default_factory=tuple)
    label: str | None = field(default=None, compare=False, repr=False)


@dataclass(order=True)
class Mutable:
    name: str
    items: list[int] = field(default_factory=list)
'''
CODE = compile(SOURCE, "made_in_test", "exec")  # string annotations, as this module's, and the plan's


def _classes() -> tuple[type, type]:
    module = sys.modules["made_in_test"] = types.ModuleType("made_in_test")
    try:
        exec(CODE, module.__dict__)
    finally:
        del sys.modules["made_in_test"]
    return module.Point, module.Mutable


@pytest.fixture
def cache(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(method_cache, "_compiled", {})
    monkeypatch.setattr(method_cache, "_unsaved", set())
    monkeypatch.setattr(method_cache, "_prefixes", [])
    method_cache.install()
    yield tmp_path / f"stackwright-{os.getuid()}"
    method_cache.uninstall()


def _behaviour(point: type, mutable: type) -> list:
    p = point(1, tags=("a",), label="shown nowhere")
    m = mutable("m")
    m.items.append(3)
    try:
        p.x = 2
    except dataclasses.FrozenInstanceError as error:
        frozen = str(error)
    return [repr(p), p == point(1, 0.5, ("a",), "other"), hash(p) == hash(point(1, 0.5, ("a",))), frozen,
            str(inspect.signature(point)), str(inspect.signature(mutable)), point.__doc__, mutable.__doc__, repr(m),
            m < mutable("n"), m == mutable("m", [3]), point.__match_args__]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="user ids only")
def test_classes_get_the_same_methods_and_the_next_process_reads_their_code_back(cache, monkeypatch):
    method_cache.uninstall()
    expected = _behaviour(*_classes())
    method_cache.install()

    assert _behaviour(*_classes()) == expected
    method_cache.save()
    kept = list(cache.glob("dataclass-methods-*-made_in_test.marshal"))  # one module made them
    assert len(kept) == 1

    monkeypatch.setattr(method_cache, "_compiled", {})  # as a new process starts

    def compile_again(*args, **kwargs):
        raise AssertionError("compiled although the code is kept")

    with monkeypatch.context() as patched:
        patched.setattr(method_cache.builtins, "compile", compile_again)
        assert _behaviour(*_classes()) == expected


def _saved(cache):
    """The test classes made and their compiled methods written: the file they went to."""
    _classes()
    method_cache.save()
    return next(cache.glob("dataclass-methods-*-made_in_test.marshal"))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="user ids only")
def test_a_damaged_file_is_compiled_again_and_replaced(cache, monkeypatch):
    kept = _saved(cache)
    kept.write_bytes(b"\x00not marshal")
    monkeypatch.setattr(method_cache, "_compiled", {})
    expected = _behaviour(*_classes())
    method_cache.save()
    assert kept.read_bytes() != b"\x00not marshal"
    monkeypatch.setattr(method_cache, "_compiled", {})
    assert _behaviour(*_classes()) == expected


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="user ids only")
def test_nothing_is_written_when_nothing_new_was_compiled(cache, monkeypatch):
    kept = _saved(cache)
    os.utime(kept, (0, 0))
    monkeypatch.setattr(method_cache, "_compiled", {})
    _classes()
    method_cache.save()
    assert kept.stat().st_mtime == 0


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="user ids only")
def test_a_folder_others_may_write_keeps_nothing(cache, monkeypatch):
    os.chmod(cache.parent, 0o700)
    cache.mkdir(mode=0o777, exist_ok=True)
    os.chmod(cache, 0o777)
    monkeypatch.setattr(method_cache, "_prefixes", [])
    expected_point, expected_mutable = _classes()
    method_cache.save()
    assert list(cache.iterdir()) == []
    assert expected_point(1) == expected_point(1)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="user ids only")
def test_a_module_name_that_is_no_file_name_is_compiled_every_time(cache):
    """A class made in a namespace whose name could not be part of a file name (a path, say) still gets its
    methods; nothing is kept for it."""
    module = sys.modules["../elsewhere/x"] = types.ModuleType("../elsewhere/x")
    try:
        exec(CODE, module.__dict__)
    finally:
        del sys.modules["../elsewhere/x"]
    assert module.Point(1) == module.Point(1, 0.5)
    method_cache.save()
    assert list(cache.glob("*elsewhere*")) == [] and list(cache.parent.glob("*elsewhere*")) == []
