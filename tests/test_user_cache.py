"""The user cache keeps derived files only where only this user writes, and a compiled message catalogue read
back from it, or compiled again when damaged, holds the same messages."""

from __future__ import annotations

import os
import tempfile

import pytest
from babel.messages import pofile

from stackwright import user_cache
from stackwright.document import i18n


@pytest.fixture
def temp(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    i18n.translations.cache_clear()
    yield tmp_path
    i18n.translations.cache_clear()


def test_the_compiled_catalogue_is_read_back_without_the_po(monkeypatch, temp):
    compiled = i18n.translations("ko")
    kept = list((temp / f"stackwright-{os.getuid()}").glob("messages-ko-*.mo"))
    assert len(kept) == 1
    i18n.translations.cache_clear()

    def unexpected(*args, **kwargs):
        raise AssertionError("the .po read again although its compiled form is kept")

    monkeypatch.setattr(pofile, "read_po", unexpected)
    assert i18n.translations("ko")._catalog == compiled._catalog


def test_a_damaged_compiled_catalogue_is_compiled_again(temp):
    compiled = i18n.translations("ko")
    kept = next((temp / f"stackwright-{os.getuid()}").glob("messages-ko-*.mo"))
    kept.write_bytes(b"not a catalogue")
    i18n.translations.cache_clear()
    assert i18n.translations("ko")._catalog == compiled._catalog
    assert kept.read_bytes() != b"not a catalogue"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="user ids only")
def test_a_folder_others_may_write_is_no_cache(temp):
    (temp / f"stackwright-{os.getuid()}").mkdir(mode=0o777)
    os.chmod(temp / f"stackwright-{os.getuid()}", 0o777)
    assert user_cache.folder() is None
    assert i18n.translations("ko").gettext("Overview") is not None
    assert list((temp / f"stackwright-{os.getuid()}").iterdir()) == []
