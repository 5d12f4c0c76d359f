"""Importing workspace files into the database: the one way the CLI (``kinerja init`` / ``import``),
the HR app (notebook 01, :mod:`kinerja.ui.muat`) and Python callers load data.

What an import does (the store enforces it, :mod:`kinerja.store.transfer`):

* it merges by key and never deletes, unless ``ganti=True`` (replace the tables of the files given,
  and only those; the plan says how many rows go);
* it never overwrites or deletes a realisasi, perilaku, penilaian or 360 answer that was entered in
  the app: such a change is a *konflik*, listed and skipped, unless ``timpa=True``;
* :func:`rencana` shows what it will add, change, delete and refuse, row by row, writing nothing;
* one call = one transaction over all its files, under the write lock; every change is audited
  with ``oleh``, the person importing (never an app's name).

**Rule for imported historical data.** Final ratings that an office decided before kinerja (a
``penilaian.csv`` row whose rating differs from the usulan and has no ``alasan``) are *accepted* by
an import: they are history, and refusing them would lose the office's record. Each one is listed
as a warning (:attr:`ImportResult.peringatan`), separately from errors. In the app, the same
override without a reason is refused (:mod:`kinerja.services.penilaian`).

A failed ``init`` leaves nothing behind: :func:`init_workspace` validates first and removes a
database file it created when anything fails.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from kinerja.store.core import Store
from kinerja.store.engine import sqlite_path, url_for
from kinerja.store.transfer import ImportResult, read_import_files


def oleh_default() -> str:
    """Who is importing from the command line: ``KINERJA_OLEH`` or the operating-system user."""
    return os.environ.get("KINERJA_OLEH") or getpass.getuser()


def _pastikan_oleh(oleh: str | None) -> str:
    from kinerja.errors import AccessDenied

    if not oleh or not str(oleh).strip():
        raise AccessDenied("Identitas pengguna tidak diketahui; data tidak dimuat. Masuk (login) terlebih dahulu.")
    return str(oleh).strip()


def peringatan_alasan(ws, keys=None, scheme=None) -> list[str]:
    """Warnings for final ratings that differ from the scheme's usulan without an ``alasan``
    (imported history; see the module doc). ``keys``: (periode, nip) pairs to check (default: all)."""
    from kinerja.domain import labels
    from kinerja.schemes import periode_data

    if scheme is None:
        from kinerja.schemes import permenpanrb_2022 as scheme
    pen = ws.penilaian
    if not len(pen):
        return []
    if keys is not None:
        keys = set(keys)
        pen = pen[[(str(p), n) in keys for p, n in zip(pen["periode"], pen["nip"])]]
    out = []
    cfg = scheme.config()
    for periode, rows in pen.groupby("periode", sort=True):
        try:
            sc = scheme.score(periode_data(ws, periode, cfg), cfg).set_index("nip")
        except Exception:  # noqa: BLE001  a periode the scheme cannot score gives no warning here
            continue
        for r in rows.itertuples():
            alasan = r.alasan if isinstance(r.alasan, str) else ""
            if alasan.strip() or r.nip not in sc.index:
                continue
            beda = [nama for col, ucol, nama in (("rating_hasil_kerja", "usulan_hasil_kerja", "hasil kerja"),
                                                 ("rating_perilaku", "usulan_perilaku", "perilaku kerja"))
                    if isinstance(getattr(r, col), str) and isinstance(sc.at[r.nip, ucol], str)
                    and labels.rating_code(getattr(r, col)) != labels.rating_code(sc.at[r.nip, ucol])]
            if beda:
                out.append(f"penilaian periode {periode}, NIP {r.nip}: rating {' dan '.join(beda)} akhir berbeda "
                           "dari usulan tanpa alasan (data riwayat; diterima dan dicatat sebagai peringatan)")
    return out


def peringatan_realisasi(ws) -> list[str]:
    """Warnings for periodes in which pegawai with an SKP have no realisasi yet: such a pegawai is
    scored as "belum ada realisasi", not 0 (see :mod:`kinerja.schemes.permenpanrb_2022`)."""
    from kinerja.domain.periode import parse_periode

    kodes = set()
    for name in ("realisasi", "perilaku", "penilaian"):
        kodes |= set(ws[name]["periode"].astype(str))
    if not len(ws.skp):
        return []
    out = []
    for kode in sorted(kodes):
        try:
            p = parse_periode(kode)
        except ValueError:
            continue
        punya_skp = set(ws.skp.loc[ws.skp["periode"] == p.tahun, "nip"])
        ada = set(ws.realisasi.loc[ws.realisasi["periode"].astype(str) == p.kode, "nip"])
        belum = punya_skp - ada
        if belum and ada:  # a periode nobody reported yet is simply not started
            out.append(f"periode {p.kode}: {len(belum)} pegawai ber-SKP belum ada realisasi "
                       f"(dinilai 'belum ada realisasi', bukan 0), mis. NIP {sorted(belum)[0]}")
    return out


def peringatan_berkas(ws) -> list[str]:
    """Warnings found while reading the files (``Workspace.peringatan``): e.g. an ambiguous ``2.400``
    that its column decided, naming file, sheet, row and column (:mod:`kinerja.io.validate`)."""
    return [str(w) for w in (getattr(ws, "peringatan", None) or [])]


def peringatan(ws) -> list[str]:
    """Every warning about a valid workspace (not errors): values read with a decision (numbers),
    imported overrides without a reason and periodes without realisasi. ``kinerja validate``,
    ``init`` and ``import`` print them apart."""
    keys = set(zip(ws.penilaian["periode"].astype(str), ws.penilaian["nip"]))
    return peringatan_berkas(ws) + peringatan_alasan(ws, keys) + peringatan_realisasi(ws)


def _with_warnings(res: ImportResult) -> ImportResult:
    ws = getattr(res, "workspace", None)
    if ws is None:
        return res
    keys = {(r["periode"], r["nip"]) for r in res.rincian if r["berkas"] == "penilaian" and r["aksi"] != "hapus"}
    if keys:
        res.peringatan.extend(peringatan_alasan(ws, keys))
    if any(r["berkas"] == "realisasi" for r in res.rincian):
        res.peringatan.extend(peringatan_realisasi(ws))
    return res


def rencana(store: Store, paths, *, ganti: bool = False, timpa: bool = False) -> ImportResult:
    """What importing ``paths`` would add, change, delete and refuse, row by row; writes nothing."""
    frames, sources, _sha = read_import_files(paths)
    return _with_warnings(store.rencana_impor(frames, sources, ganti=ganti, timpa=timpa))


def rencana_frames(store: Store, frames, sources, *, ganti: bool = False, timpa: bool = False) -> ImportResult:
    return _with_warnings(store.rencana_impor(frames, sources, ganti=ganti, timpa=timpa))


def impor(store: Store, paths, *, oleh: str, ganti: bool = False, timpa: bool = False,
          dry_run: bool = False) -> ImportResult:
    """Import CSV files, workbooks and folders in one transaction (see the module doc)."""
    if dry_run:
        return rencana(store, paths, ganti=ganti, timpa=timpa)
    frames, sources, sha = read_import_files(paths)
    return impor_frames(store, frames, sources, oleh=oleh, sha256=sha, ganti=ganti, timpa=timpa)


def impor_frames(store: Store, frames, sources, *, oleh: str, sha256: str | None = None, ganti: bool = False,
                 timpa: bool = False) -> ImportResult:
    """Import raw frames (e.g. uploaded in the HR app), in one transaction."""
    oleh = _pastikan_oleh(oleh)
    return _with_warnings(store.import_frames(frames, sources, oleh=oleh, sha256=sha256, ganti=ganti, timpa=timpa))


def init_workspace(workspace, sources=None, db: str | None = None, *, oleh: str) -> tuple[Store, ImportResult]:
    """Create (or fill) the workspace database from validated files. Validates before creating
    anything; when anything fails, a database file created here is removed (no empty kinerja.db)."""
    from kinerja.io.files import load_workspace, validate_frames

    oleh = _pastikan_oleh(oleh)
    sources = [Path(s) for s in (sources or [workspace])]
    if len(sources) == 1 and (sources[0].is_dir() or sources[0].suffix.lower() in (".xlsx", ".xlsm")):
        ws = load_workspace(sources[0])
    else:
        frames, srcs, _sha = read_import_files(sources)
        ws = validate_frames(frames, srcs)
    url = url_for(workspace, db)
    path = sqlite_path(url)
    created = [p for p in ([path] if path is not None else []) if not p.exists()]
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    st = None
    try:
        st = Store(url)
        res = st.init_from(ws, oleh=oleh)
    except BaseException:
        if st is not None:
            st.engine.dispose()
        for p in created:
            for f in (p, p.with_name(p.name + "-wal"), p.with_name(p.name + "-shm")):
                f.unlink(missing_ok=True)
        raise
    res.workspace = ws
    res.peringatan.extend(w for w in peringatan(ws) if w not in res.peringatan)  # the store lists the file ones
    return st, res


__all__ = ["rencana", "rencana_frames", "impor", "impor_frames", "init_workspace", "peringatan", "peringatan_alasan",
           "peringatan_realisasi", "peringatan_berkas",
           "oleh_default"]
