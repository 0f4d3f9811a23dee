"""Graphviz's drawings kept in the user cache: a later run of the same spec writes the same PNG and SVG bytes
without running Graphviz; anything else that decides the bytes, a damaged file or a full store draws anew."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

import pytest

from stackwright.diagram import drawn_store, write_diagram
from stackwright.spec.loader import load

from conftest import BLUEPRINTS

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")


@pytest.fixture
def runs(monkeypatch, tmp_path):
    """An empty user cache, and the Graphviz runs made since."""
    (tmp_path / "temp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    made, real = [], subprocess.run

    def run(command, **kwargs):
        made.append(command)
        return real(command, **kwargs)

    monkeypatch.setattr(subprocess, "run", run)
    return made


def kept(tmp_path) -> list[str]:
    return sorted(p.name for p in (tmp_path / "temp" / f"stackwright-{os.getuid()}").glob("diagram-*"))


def draw(blueprint, folder):
    return [path.read_bytes() for path in write_diagram(load(blueprint).spec, folder)]


def test_a_later_drawing_of_the_same_spec_is_read_back_byte_identical(runs, tmp_path):
    first = draw(BLUEPRINTS[0], tmp_path / "first")
    assert len(runs) == 1
    assert [name.rsplit(".", 1)[1] for name in kept(tmp_path)] == ["png", "svg"]
    assert draw(BLUEPRINTS[0], tmp_path / "second") == first
    assert len(runs) == 1


def test_a_damaged_file_is_drawn_again(runs, tmp_path):
    first = draw(BLUEPRINTS[0], tmp_path / "first")
    png = next(p for p in (tmp_path / "temp").rglob("diagram-*.png"))
    data = bytearray(png.read_bytes())
    data[100] ^= 0xFF
    png.write_bytes(bytes(data))
    assert draw(BLUEPRINTS[0], tmp_path / "second") == first
    assert len(runs) == 2
    assert draw(BLUEPRINTS[0], tmp_path / "third") == first  # the damaged file was replaced
    assert len(runs) == 2


def test_a_changed_graphviz_or_icon_draws_anew(runs, monkeypatch, tmp_path):
    draw(BLUEPRINTS[0], tmp_path / "first")
    monkeypatch.setattr(drawn_store, "_graphviz", lambda: b"another Graphviz")
    draw(BLUEPRINTS[0], tmp_path / "second")
    assert len(runs) == 2
    monkeypatch.setattr(drawn_store, "_signature", lambda path: b"another icon file")
    draw(BLUEPRINTS[0], tmp_path / "third")
    assert len(runs) == 3


def test_the_least_recently_used_drawings_go_past_the_limit(runs, monkeypatch, tmp_path):
    monkeypatch.setattr(drawn_store, "KEPT", 2)
    draw(BLUEPRINTS[0], tmp_path / "a")
    first = kept(tmp_path)
    draw(BLUEPRINTS[1], tmp_path / "b")
    for path in (tmp_path / "temp").rglob("diagram-*"):  # the first drawn is the last used: touch it
        if path.name in first:
            os.utime(path, (path.stat().st_atime + 60, path.stat().st_mtime + 60))
    draw(BLUEPRINTS[2], tmp_path / "c")
    assert len(kept(tmp_path)) == 4 and set(first) <= set(kept(tmp_path))


def test_a_drawing_larger_than_the_limit_is_not_kept(runs, monkeypatch, tmp_path):
    monkeypatch.setattr(drawn_store, "MAX_BYTES", 1000)
    draw(BLUEPRINTS[0], tmp_path / "a")
    assert kept(tmp_path) == []
