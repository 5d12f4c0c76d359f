"""Safe names and atomic, owner-only writes of report files; where each report goes."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path


FORMATS = ("html", "pdf")


def safe_name(text, max_len: int = 60, default: str = "tanpa-nama") -> str:
    """A file-name fragment: ASCII letters, digits and '-', never '.', '/', or empty."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:max_len].strip("-")
    return t or default


def safe_path(root: Path, *parts: str) -> Path:
    """``root/parts...`` after checking the result stays inside ``root`` (defence in depth)."""
    root = Path(root).resolve()
    p = root.joinpath(*parts).resolve()
    if not p.is_relative_to(root):
        raise ValueError(f"nama berkas di luar folder keluaran: {p}")
    return p


def _tulis(fh, data: bytes) -> None:
    """The one place report bytes reach the disk (tests simulate a full disk here)."""
    fh.write(data)


def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader (or a crash) never sees a partial file: either the old file or the new one exists.
    Temporary files are named ``.<name>.<random>.tmp``; :func:`clean_tmp` removes leftovers.
    Files are owner-only (0600, as :func:`tempfile.mkstemp` creates them): reports hold personal
    data. A full disk raises :class:`kinerja.errors.DiskPenuh` and leaves no partial or empty file.
    """
    from kinerja.errors import DiskPenuh

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            _tulis(fh, data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if DiskPenuh.cocok(e):
            raise DiskPenuh.dari(e, path.parent) from e
        raise
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def clean_tmp(root: Path) -> int:
    """Remove temporary files left by an interrupted run under ``root``. Returns how many."""
    n = 0
    for p in [*Path(root).rglob(".*.tmp"), *Path(root).rglob(".*.tmp.ipynb")]:
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    return n


def employee_paths(out_dir, nip: str, nama, unit, formats: Iterable[str] = FORMATS) -> dict:
    """Where a pegawai's report files go: ``OUT/pegawai/<unit>/<nip>-<nama>.<fmt>`` (safe names)."""
    nip_s = safe_name(nip, 18, "nip")
    return {f: safe_path(Path(out_dir), "pegawai", safe_name(unit), f"{nip_s}-{safe_name(nama, 50)}.{f}")
            for f in formats}


def unit_paths(out_dir, unit, formats: Iterable[str] = ("html", "pdf", "xlsx")) -> dict:
    return {f: safe_path(Path(out_dir), "unit", f"ringkasan-{safe_name(unit)}.{f}") for f in formats}


def is_fresh(paths: dict, mtime: float) -> bool:
    """True when every file exists and is newer than the inputs."""
    try:
        return all(p.stat().st_mtime > mtime for p in paths.values())
    except FileNotFoundError:
        return False


def parse_formats(formats) -> list[str]:
    if isinstance(formats, str):
        formats = [f.strip().lower() for f in formats.split(",")]
    out = [f for f in formats if f]
    bad = [f for f in out if f not in ("html", "pdf", "xlsx")]
    if bad:
        raise ValueError(f"format tidak dikenal: {', '.join(bad)}; gunakan html, pdf atau xlsx")
    return out
