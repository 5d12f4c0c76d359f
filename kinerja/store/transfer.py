"""Import and export of workspace files.

Rules of an import (issue 10 point 4, issue 11 point 3):

* **Merge by key, never delete** by default: a row of the file adds or changes the stored row with
  the same key; stored rows the file does not hold stay. ``ganti=True`` replaces the tables of the
  files given (and only those): their stored rows absent from the file are deleted, and the plan
  says how many.
* **Values entered in the app are kept.** A change or deletion of a realisasi, perilaku, penilaian
  or 360 answer whose current value was saved in the app (:func:`kinerja.store.audit.app_saved_cells`)
  is a *konflik*: listed, and not applied unless ``timpa=True``.
* **Plan first.** :meth:`TransferMixin.rencana_impor` returns what an import would add, change,
  delete and refuse, row by row, writing nothing (``kinerja import --dry-run``, the HR app's preview).
* **One transaction under one write lock.** The stored state is read, the files validated against
  it, diffed and written inside one :func:`kinerja.store.engine.write_tx` (exclusive), so a save made
  while an import runs is either before it (and then seen, and protected as a konflik) or after it;
  never silently reverted. Every change is audited (:mod:`kinerja.store.audit`) with the person's
  identity, the import logged in ``impor``, and the touched evaluation sheets get a new ``versi``
  (forms open on them become stale).
* All-or-nothing: invalid data raises :class:`~kinerja.errors.ValidationErrors` and nothing is written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from kinerja.domain import schema
from kinerja.errors import InputError, ValidationErrors
from kinerja.store.audit import APP_TABLES, app_saved_cells, diff_audit, sel_audit
from kinerja.store.engine import read_tx, write_tx
from kinerja.store.tables import _kunci, _now, _py, _text

AKSI_LABEL = {"tambah": "baris baru", "ubah": "diubah", "hapus": "dihapus", "konflik": "konflik (tidak diterapkan)"}


@dataclass
class ImportResult:
    """What an import changes (or, for a plan, would change), per file and row by row.

    ``perubahan``: file -> {tambah, ubah, hapus, konflik} counts; ``rincian``: one dict per changed
    cell (berkas, aksi, periode, nip, kunci, kolom, lama, baru); ``peringatan``: warnings (not
    errors) in Indonesian; ``diterapkan``: False for a plan (dry run).
    """

    perubahan: dict = field(default_factory=dict)
    rincian: list = field(default_factory=list)
    peringatan: list = field(default_factory=list)
    diterapkan: bool = True
    ganti: bool = False

    @property
    def kosong(self) -> bool:
        return not any(v.get("tambah", 0) + v.get("ubah", 0) + v.get("hapus", 0) for v in self.perubahan.values())

    @property
    def konflik(self) -> list[dict]:
        return [r for r in self.rincian if r["aksi"] == "konflik"]

    @property
    def dihapus(self) -> int:
        return sum(v.get("hapus", 0) for v in self.perubahan.values())

    def ringkasan(self) -> str:
        n_konflik = sum(v.get("konflik", 0) for v in self.perubahan.values())
        if self.kosong and not n_konflik:
            return "Tidak ada perubahan: data sudah sama dengan isi basis data."
        parts = [f"{n}: {v['tambah']} baris baru, {v['ubah']} diubah, {v['hapus']} dihapus"
                 + (f", {v['konflik']} konflik" if v.get("konflik") else "")
                 for n, v in self.perubahan.items() if sum(v.values())]
        head = "Data dimuat. " if self.diterapkan else "Rencana impor (belum ada yang ditulis). "
        out = head + "; ".join(parts) + "."
        if n_konflik:
            out += (f" {n_konflik} baris berisi nilai yang disimpan penilai di aplikasi "
                    + ("ditimpa atas permintaan." if self.diterapkan and self._timpa
                       else "tidak diubah (konflik); gunakan --timpa untuk menimpanya."))
        return out

    _timpa: bool = False

    def tabel(self) -> pd.DataFrame:
        """The row-by-row plan as a frame (berkas, aksi, periode, nip, kunci, kolom, lama, baru)."""
        return pd.DataFrame(self.rincian, columns=["berkas", "aksi", "periode", "nip", "kunci", "kolom", "lama", "baru"])


# ------------------------------------------------------------------------------ diff helpers

def diff_rows(spec: schema.FileSpec, old: pd.DataFrame, new: pd.DataFrame) -> dict:
    """Rows added, changed and removed between two frames of one file, by key.
    Each entry: (key tuple, old row dict or None, new row dict or None); values as text."""
    cols = spec.column_names

    def rows(df):
        out = {}
        for row in df.reindex(columns=cols).itertuples(index=False, name=None):  # absent optional column = empty
            d = {c: _text(v) for c, v in zip(cols, row)}
            out[tuple(d[c] for c in spec.key)] = d
        return out

    o, n = rows(old), rows(new)
    return {"tambah": [(k, None, v) for k, v in n.items() if k not in o],
            "ubah": [(k, o[k], v) for k, v in n.items() if k in o and o[k] != v],
            "hapus": [(k, v, None) for k, v in o.items() if k not in n]}


def _raw_key(spec: schema.FileSpec, df: pd.DataFrame) -> list[tuple]:
    """Keys of raw string rows, normalised by the converters validation uses (nip digits, periode code,
    a BerAKHLAK label as its code ...); a value a converter refuses stays as written (validation
    reports it)."""
    from kinerja.io.convert import COLUMN_CONVERTERS, KINDS, _conv_text

    cols = []
    for k in spec.key:
        if k not in df.columns:
            cols.append([""] * len(df))
            continue
        v = df[k].astype(str).str.strip()
        col = spec.column(k)
        conv = COLUMN_CONVERTERS.get((spec.name, k)) or KINDS.get(col.kind, _conv_text)
        u = pd.Series(pd.unique(v), dtype=str)
        vals, errs = conv(u, col)[:2]
        norm = {x: (x if e is not None or y is None or y != y else str(y)) for x, y, e in zip(u, vals, errs)}
        cols.append(list(v.map(norm)))
    return list(zip(*cols)) if cols else [()] * len(df)


def _merge_raw(spec: schema.FileSpec, new: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """The file's rows, then the stored rows whose key the file does not hold (index < 0, so a
    problem in them is reported as the database's, not as a row of the file)."""
    import numpy as np

    from kinerja.io.convert import SEL_ANGKA
    from kinerja.io.files import _norm_header

    new = new.rename(columns={c: _norm_header(c) for c in new.columns})
    have = set(_raw_key(spec, new))
    keep = [k not in have for k in _raw_key(spec, stored)]
    rest = stored[keep]
    rest = rest.set_axis(-(10 ** 9) - pd.RangeIndex(len(rest)), axis=0)
    cols = list(dict.fromkeys(list(new.columns) + [c for c in stored.columns]))
    out = pd.concat([new.reindex(columns=cols), rest.reindex(columns=cols)]).fillna("")
    if new.attrs.get(SEL_ANGKA):  # the file's number cells (stored rows count as numbers by their index)
        out.attrs[SEL_ANGKA] = {c: np.concatenate([m, np.ones(len(rest), dtype=bool)])
                                for c, m in new.attrs[SEL_ANGKA].items()}
    return out


def _fix_rows(exc: ValidationErrors, names) -> ValidationErrors:
    for e in exc.errors:
        if e.row is not None and e.row < 0:
            e.row = None
            e.message += " (baris yang sudah ada di basis data)"
    return exc


# ------------------------------------------------------------------------------ the mixin

class TransferMixin:
    """init / import / export of a :class:`kinerja.store.core.Store`."""

    def init_from(self, ws, oleh: str = "init") -> ImportResult:
        """Fill the database from a validated Workspace (all files). On a database that already
        has data this is an import (merge) of every file: identical data changes nothing."""
        with write_tx(self.engine, exclusive=True) as con:
            return self._import(con, lambda _base: ws, list(schema.FILES), oleh, berkas="(workspace)",
                                write=True)

    def rencana_impor(self, frames: dict[str, pd.DataFrame], sources=None, *, ganti: bool = False,
                      timpa: bool = False) -> ImportResult:
        """What :meth:`import_frames` would do, row by row, writing nothing."""
        frames, sources = self._check_names(frames, sources)
        with read_tx(self.engine) as con:
            return self._import(con, self._validator(con, frames, sources, ganti), list(frames), "",
                                berkas="", write=False, ganti=ganti, timpa=timpa)

    def import_frames(self, frames: dict[str, pd.DataFrame], sources: dict[str, tuple[str, str | None]] | None = None,
                      oleh: str = "impor", sha256: str | None = None, *, ganti: bool = False, timpa: bool = False,
                      dry_run: bool = False) -> ImportResult:
        """Validate raw frames (file name -> frame of strings) against the stored workspace and
        merge them in (see the module doc), all-or-nothing, in one transaction."""
        if dry_run:
            return self.rencana_impor(frames, sources, ganti=ganti, timpa=timpa)
        frames, sources = self._check_names(frames, sources)
        berkas = ", ".join(sorted({str(s[0]) for k, s in sources.items() if k in frames}))
        with write_tx(self.engine, exclusive=True) as con:
            return self._import(con, self._validator(con, frames, sources, ganti), list(frames), oleh,
                                berkas=berkas, sha256=sha256, write=True, ganti=ganti, timpa=timpa)

    def import_files(self, paths, oleh: str = "impor", *, ganti: bool = False, timpa: bool = False,
                     dry_run: bool = False) -> ImportResult:
        """Import CSV files (named after the workspace file: ``skp.csv`` ...), workbooks (every
        sheet named after a workspace file) and folders (every workspace file in them), all in
        one transaction."""
        frames, sources, sha = read_import_files(paths)
        return self.import_frames(frames, sources, oleh=oleh, sha256=sha, ganti=ganti, timpa=timpa, dry_run=dry_run)

    # --------------------------------------------------------------- internals

    @staticmethod
    def _check_names(frames, sources):
        from kinerja.io.files import _norm_header

        frames = {_norm_header(k): v for k, v in frames.items()}
        unknown = [k for k in frames if k not in schema.FILES]
        if unknown:
            raise ValidationErrors([InputError(
                f"'{k}' bukan nama berkas workspace yang dikenal (yang dikenal: {', '.join(schema.FILES)})",
                file=(sources or {}).get(k, (k, None))[0]) for k in unknown])
        sources = sources or {k: (f"{k}.csv", None) for k in frames}
        return frames, sources

    def _validator(self, con, frames, sources, ganti):
        from kinerja.io.files import validate_frames

        def build(base):
            if base is None:
                merged = frames
            else:
                raw = self.raw_frames(con)
                merged = frames if ganti else {n: _merge_raw(schema.FILES[n], f, raw[n]) for n, f in frames.items()}
            try:
                return validate_frames(merged, sources, base=base)
            except ValidationErrors as exc:
                raise _fix_rows(exc, frames) from None
        return build

    def _import(self, con, build, names: list[str], oleh: str, berkas: str, sha256: str | None = None, *,
                write: bool, ganti: bool = False, timpa: bool = False) -> ImportResult:
        self._import_locked(con)
        empty = self._is_empty(con)
        base = None if empty else self._workspace(con)
        ws = build(base)
        result = ImportResult(diterapkan=write, ganti=ganti)
        result._timpa = timpa
        result.workspace = ws
        result.peringatan.extend(str(w) for w in (getattr(ws, "peringatan", None) or getattr(ws, "warnings", None) or []))
        saved = app_saved_cells(con, self.t) if not empty else set()
        waktu = _now()
        audit: list[dict] = []
        touched: set[tuple[str, str]] = set()
        for name in names:
            spec = schema.FILES[name]
            old = self._frame(con, name)
            new = ws[name]
            diff = diff_rows(spec, old, new)
            if not ganti and name in ws.tables() and base is not None:
                diff["hapus"] = []  # merge: the file's rows only add or change (kept rows came from base)
            konflik = []
            if name in APP_TABLES and saved:
                for kind in ("ubah", "hapus"):
                    keep = []
                    for key, lama, baru in diff[kind]:
                        kd = dict(zip(spec.key, key))
                        kun = _kunci(spec, key)
                        cols = [c for c in spec.column_names if c not in spec.key
                                and _text((lama or {}).get(c)) != _text((baru or {}).get(c))]
                        if any((name, _text(kd.get("periode")), kd.get("nip"), kun, c) in saved for c in cols):
                            konflik.append((key, lama, baru, kind))
                        else:
                            keep.append((key, lama, baru))
                    diff[kind] = keep
            if timpa:
                for key, lama, baru, kind in konflik:
                    diff[kind].append((key, lama, baru))
            counts = {k: len(v) for k, v in diff.items()}
            counts["konflik"] = len(konflik)
            result.perubahan[name] = counts
            for kind, rows in diff.items():
                for key, lama, baru in rows:
                    result.rincian.extend(_rincian(spec, kind, key, lama, baru))
            for key, lama, baru, kind in konflik:
                result.rincian.extend(_rincian(spec, "konflik", key, lama, baru))
            if not write or not any(diff.values()):
                continue
            self._write_diff(con, name, diff)
            if len(old):
                audit.extend(diff_audit(spec, diff, waktu, oleh))
            else:
                audit.append(sel_audit(waktu, oleh, name, {}, "*", None, f"{len(new)} baris dimuat"))
            if name in APP_TABLES and "periode" in spec.key and "nip" in spec.key:
                for kind in ("tambah", "ubah", "hapus"):
                    for key, _a, _b in diff[kind]:
                        kd = dict(zip(spec.key, key))
                        touched.add((str(kd["periode"]), kd["nip"]))
        if write and not result.kosong:
            if audit:
                con.execute(sa.insert(self.t["audit"]), audit)
            for periode, nip in sorted(touched):  # open forms on these sheets become stale
                self._bump(con, periode, nip, oleh, waktu, expected=None)
            con.execute(sa.insert(self.t["impor"]), dict(
                waktu=waktu, oleh=str(oleh)[:128], berkas=berkas, sha256=sha256, perubahan=result.ringkasan()))
        self._after_import(con, result, ws)
        return result

    def _import_locked(self, con) -> None:
        """Hook: the import's transaction is open and holds the write lock; nothing read yet (tests)."""

    def _after_import(self, con, result, ws) -> None:
        """Hook inside the import transaction, after the diff was written (tests pause here)."""

    def _write_diff(self, con, name: str, diff: dict) -> None:
        spec = schema.FILES[name]
        t = self.t[name]
        gone = [key for kind in ("ubah", "hapus") for key, _a, _b in diff[kind]]
        for key in gone:
            con.execute(sa.delete(t).where(*[(t.c[k].is_(None) if v is None else t.c[k] == _typed(spec, k, v))
                                             for k, v in zip(spec.key, key)]))
        recs = [{c: _typed(spec, c, baru[c]) for c in spec.column_names}
                for kind in ("tambah", "ubah") for _k, _a, baru in diff[kind]]
        if recs:
            con.execute(sa.insert(t), recs)

    # --------------------------------------------------------------- export

    def export(self, out, fmt: str = "csv") -> list[Path]:
        from kinerja.io.files import write_workspace

        return write_workspace(self.to_workspace(), out, fmt)


def _typed(spec: schema.FileSpec, col: str, text):
    """A stored value from its text form (as :func:`diff_rows` holds it)."""
    if text is None:
        return None
    kind = spec.column(col).kind
    if kind == "num":
        return float(text)
    if kind == "tahun":
        return int(float(text))
    return _py(text)


def _rincian(spec, kind, key, lama, baru) -> list[dict]:
    kd = dict(zip(spec.key, key))
    base = dict(berkas=spec.name, aksi=kind, periode=_text(kd.get("periode")), nip=kd.get("nip"),
                kunci=_kunci(spec, key))
    if kind == "tambah":
        return [dict(base, kolom="", lama=None, baru="baris baru")]
    if kind == "hapus" and baru is None:
        return [dict(base, kolom="", lama="baris dihapus", baru=None)]
    cols = [c for c in spec.column_names if c not in spec.key
            and _text((lama or {}).get(c)) != _text((baru or {}).get(c))]
    return [dict(base, kolom=c, lama=(lama or {}).get(c), baru=(baru or {}).get(c)) for c in cols]


def read_import_files(paths) -> tuple[dict, dict, str]:
    """Raw frames, sources and a sha256 of the given CSV files, workbooks and folders.
    Raises ValidationErrors listing every unreadable or misnamed file."""
    from kinerja.io.files import EXCEL_SUFFIXES, _norm_header
    from kinerja.io.read import IGNORED_NAMES, read_files

    h = hashlib.sha256()
    expanded = []
    for p in map(Path, paths):
        if p.is_dir():  # a folder: its workbooks and CSVs (misnamed CSVs are reported, not skipped)
            files = sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith((".", "~$"))
                           and (f.suffix.lower() in EXCEL_SUFFIXES or f.suffix.lower() == ".csv")
                           and _norm_header(f.stem) not in IGNORED_NAMES)
            expanded.extend(files)
        else:
            expanded.append(p)
    for p in expanded:
        if p.is_file():
            h.update(p.read_bytes())
    # the io name rules: unknown file/sheet names are errors suggesting the closest, the same data
    # given twice is an error, nothing is skipped silently (issue 10 point 3)
    frames, sources, errors = read_files(expanded)
    if errors:
        raise ValidationErrors(errors)
    return frames, sources, h.hexdigest()
