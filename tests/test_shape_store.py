"""Shapes written in one run are read back in the next without python-hcl2, giving the same text; the store
is used only in a folder that is the user's own."""

from __future__ import annotations

import os
import tempfile

import pytest

from stackwright.render.terraform import hcl2_text, hcl_writer, shape_store
from stackwright.render.terraform.hcl import Block, Expr, dumps

BLOCKS = [Block("resource", ("aws_lb_target_group", f"svc{i}"), {"port": 8000 + i, "vpc_id": Expr("var.vpc_id"),
                                                                  "tags": {"Name": f"svc-{i}", "Team": "a"}})
          for i in range(3)] + [Block("output", ("url",), {"value": Expr('"https://${aws_lb.web.dns_name}"')})]


def _fresh_run(monkeypatch, temp: str) -> None:
    """The module state of a new process whose temp folder is `temp`."""
    monkeypatch.setattr(tempfile, "tempdir", temp)
    monkeypatch.setattr(shape_store, "_known", None)
    monkeypatch.setattr(shape_store, "_paths", [])
    monkeypatch.setattr(shape_store, "_unsaved", False)
    hcl_writer._shapes.clear()


def test_a_later_run_reads_the_shapes_instead_of_writing_them(monkeypatch, tmp_path):
    _fresh_run(monkeypatch, str(tmp_path))
    first = dumps(BLOCKS)
    shape_store.save()
    assert len(list((tmp_path / f"stackwright-{os.getuid()}").glob("terraform-shapes-*.json"))) == 1

    _fresh_run(monkeypatch, str(tmp_path))

    def unexpected(block):
        raise AssertionError("python-hcl2 asked for a shape the store holds")

    monkeypatch.setattr(hcl2_text, "dump_block", unexpected)
    assert dumps(BLOCKS) == first


def test_a_changed_writer_starts_a_new_file(monkeypatch, tmp_path):
    _fresh_run(monkeypatch, str(tmp_path))
    before = shape_store._path()
    _fresh_run(monkeypatch, str(tmp_path))
    monkeypatch.setattr(shape_store, "WRITER_SOURCES", shape_store.WRITER_SOURCES[:-1])
    assert shape_store._path() not in (None, before)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="user ids only")
def test_a_folder_others_may_write_is_not_used(monkeypatch, tmp_path):
    _fresh_run(monkeypatch, str(tmp_path))
    folder = tmp_path / f"stackwright-{os.getuid()}"
    folder.mkdir()
    folder.chmod(0o777)
    assert shape_store._path() is None
    text = dumps(BLOCKS)
    shape_store.save()
    assert list(folder.iterdir()) == []
    assert text == dumps(BLOCKS)


def test_an_unreadable_file_is_only_a_miss(monkeypatch, tmp_path):
    _fresh_run(monkeypatch, str(tmp_path))
    expected = dumps(BLOCKS)
    path = shape_store._path()
    path.write_text("{not json", encoding="utf-8")
    _fresh_run(monkeypatch, str(tmp_path))
    assert dumps(BLOCKS) == expected
    shape_store.save()
    _fresh_run(monkeypatch, str(tmp_path))
    assert shape_store.written(next(iter(shape_store._stored()))) is not None
