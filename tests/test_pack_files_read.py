"""A pack's file is read at its measured size, and read on when it grew since (issue #19)."""

from __future__ import annotations

import os

from kiosk.core import pack_files
from kiosk.core.pack_files import PackFiles
from kiosk.core.pack_limits import MAX_YAML_BYTES
from tests.packs import write_pack


def measured_smaller(monkeypatch, name: str, size: int) -> None:
    """``os.fstat`` of the file ``name`` says ``size``: as if it grew after it was measured."""
    real = os.fstat

    def fstat(descriptor: int) -> os.stat_result:
        status = real(descriptor)
        if os.readlink(f"/proc/self/fd/{descriptor}").endswith(name):
            return os.stat_result((*status[:6], size, *status[7:]))
        return status

    monkeypatch.setattr(pack_files.os, "fstat", fstat)


def test_every_file_is_read_whole(tmp_path):
    folder = write_pack(tmp_path / "p")
    files = PackFiles.open(folder)
    for name, data in files.files.items():
        assert data == (folder / name).read_bytes()


def test_a_file_that_grew_is_read_whole(tmp_path, monkeypatch):
    folder = write_pack(tmp_path / "p")
    measured_smaller(monkeypatch, "pack.yaml", 10)
    files = PackFiles.open(folder)
    assert files.files["pack.yaml"] == (folder / "pack.yaml").read_bytes()
    assert not files.refused


def test_a_file_that_grew_past_its_limit_is_refused(tmp_path, monkeypatch):
    folder = write_pack(tmp_path / "p")
    (folder / "pack.yaml").write_bytes(b"# " + b"x" * MAX_YAML_BYTES)
    measured_smaller(monkeypatch, "pack.yaml", 10)
    files = PackFiles.open(folder)
    assert "pack.yaml" not in files.files
    assert [name for name, _ in files.refused] == ["pack.yaml"]
