"""The workspace database: SQLAlchemy Core, Alembic-versioned, the source of truth once initialised.

Default location: ``WORKSPACE/kinerja.db`` (SQLite in WAL mode, busy timeout 30 s); any SQLAlchemy
URL works the same way (``--db`` / ``KINERJA_DB_URL``). Opening a :class:`Store` upgrades an older
database in place (Alembic, ``kinerja/migrations``).

Tables
------
* one table per workspace file of :mod:`kinerja.domain.schema` (``pegawai``, ``skp``, ``realisasi`` ...),
  with the file's columns. The 360 tables are shared with :mod:`kinerja.store.store_360`.
* ``lembar`` (periode, nip) -> ``versi``: the version of one pegawai's evaluation sheet for one
  periode. Every save of realisasi / perilaku / penilaian bumps it; a save that was prepared on an
  older version is refused with :class:`~kinerja.errors.StaleEditError` (optimistic concurrency).
* ``audit``: who, when, which row and column, old value, new value, for every change of realisasi,
  perilaku, penilaian and 360 answers (by the form or by an import).
* ``impor``: the log of imports.

Rules
-----
* Every write is one transaction. ``init`` and ``import`` validate with the core
  (:func:`kinerja.io.files.validate_frames`, the changed files against the rest of the workspace) and
  either apply everything or nothing. Re-importing identical data is a no-op.
* Service functions (:meth:`Store.bawahan`, :meth:`Store.lembar`, :meth:`Store.simpan`,
  :meth:`Store.workspace_bawahan`) take the acting evaluator's NIP and refuse
  (:class:`~kinerja.errors.AccessDenied`) any pegawai who is not that evaluator's direct bawahan
  (``pegawai.nip_atasan``). The widgets rely on this; they do not enforce it themselves.
* The store knows no scoring: it stores and returns data; ``kinerja.schemes`` scores it.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from kinerja.domain import labels
from kinerja.domain import schema
from kinerja.store.engine import DB_FILENAME, make_engine, url_for  # noqa: F401  (re-exported)
from kinerja.errors import AccessDenied, InputError, StaleEditError, ValidationErrors

HEAD = "0002"
AUDITED = ("realisasi", "perilaku", "penilaian", "umpan_balik_360")
# Columns of a lembar that the evaluator's form writes.
FORM_COLUMNS = {
    "realisasi": ("realisasi", "bukti", "umpan_balik"),
    "perilaku": ("rating", "catatan"),
    "penilaian": ("rating_hasil_kerja", "rating_perilaku", "alasan", "catatan"),
}


# ------------------------------------------------------------------------------ table metadata

def _sa_type(kind: str):
    if kind == "num":
        return sa.Float()
    if kind == "tahun":
        return sa.Integer()
    return sa.Text()


def _data_table(md: sa.MetaData, spec: schema.FileSpec) -> sa.Table:
    """The table of one workspace file. Key columns form the primary key when none is nullable,
    otherwise a surrogate ``_id`` is the key and the file key is a unique index."""
    nullable_key = any(spec.column(k).nullable for k in spec.key)
    cols = []
    if nullable_key:
        cols.append(sa.Column("_id", sa.Integer, primary_key=True, autoincrement=True))
    for c in spec.columns:
        cols.append(sa.Column(c.name, _sa_type(c.kind), primary_key=(c.name in spec.key and not nullable_key),
                              nullable=not (c.name in spec.key and not nullable_key)))
    t = sa.Table(spec.name, md, *cols)
    if nullable_key:
        sa.Index(f"ix_{spec.name}_key", *[t.c[k] for k in spec.key], unique=True)
    if "nip" in t.c and spec.name != "pegawai":
        sa.Index(f"ix_{spec.name}_nip", t.c.nip)
    if spec.name == "pegawai":
        sa.Index("ix_pegawai_nip_atasan", t.c.nip_atasan)
    return t


def build_metadata() -> sa.MetaData:
    """Runtime metadata: one table per ``schema.FILES`` entry plus the store's own tables.
    The 360 tables are the ones :mod:`kinerja.store.store_360` defines (same database, same tables).
    A test compares this with the Alembic head, so a schema change needs a migration."""
    md = sa.MetaData()
    shared = _shared_tables()
    for name, spec in schema.FILES.items():
        if name in shared:
            shared[name].to_metadata(md)
        else:
            _data_table(md, spec)
    sa.Table("lembar", md,
             sa.Column("periode", sa.String(16), primary_key=True),
             sa.Column("nip", sa.String(18), primary_key=True),
             sa.Column("versi", sa.Integer, nullable=False, server_default="0"),
             sa.Column("diubah_oleh", sa.String(64)),
             sa.Column("diubah_pada", sa.String(32)))
    sa.Table("audit", md,
             sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("waktu", sa.String(32), nullable=False),
             sa.Column("oleh", sa.String(128), nullable=False),
             sa.Column("tabel", sa.String(32), nullable=False),
             sa.Column("periode", sa.String(16)),
             sa.Column("nip", sa.String(18)),
             sa.Column("kunci", sa.Text),
             sa.Column("kolom", sa.String(64)),
             sa.Column("lama", sa.Text),
             sa.Column("baru", sa.Text),
             sa.Index("ix_audit_nip", "nip", "periode"))
    sa.Table("impor", md,
             sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("waktu", sa.String(32), nullable=False),
             sa.Column("oleh", sa.String(128), nullable=False),
             sa.Column("berkas", sa.Text, nullable=False),
             sa.Column("sha256", sa.String(64)),
             sa.Column("perubahan", sa.Text))
    return md


def _shared_tables() -> dict[str, sa.Table]:
    try:
        from kinerja.store import store_360
    except ImportError:  # pragma: no cover - 360 module absent
        return {}
    return {t.name: t for t in store_360.metadata.tables.values() if t.name in schema.FILES}


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


def _py(v):
    """A plain Python value (None for NA) for SQL and for comparisons."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    return v


def _text(v) -> str | None:
    v = _py(v)
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


# ------------------------------------------------------------------------------ results

@dataclass
class ImportResult:
    """What an import changed, per file: rows added, changed and removed."""

    perubahan: dict = field(default_factory=dict)

    @property
    def kosong(self) -> bool:
        return not any(sum(v.values()) for v in self.perubahan.values())

    def ringkasan(self) -> str:
        if self.kosong:
            return "Tidak ada perubahan: data sudah sama dengan isi basis data."
        parts = [f"{n}: {v['tambah']} baris baru, {v['ubah']} diubah, {v['hapus']} dihapus"
                 for n, v in self.perubahan.items() if sum(v.values())]
        return "Data dimuat. " + "; ".join(parts) + "."


@dataclass
class Lembar:
    """One pegawai's evaluation sheet for one periode, as read from the store."""

    periode: str
    pegawai: dict              # the pegawai row (nip, nama, jabatan, unit, ...)
    indikator: pd.DataFrame    # SKP indikator of the year + this periode's realisasi, bukti, umpan_balik
    perilaku: pd.DataFrame     # one row per BerAKHLAK value: aspek, rating, catatan (None when not rated)
    penilaian: dict            # rating_hasil_kerja, rating_perilaku, alasan, catatan (None when unset)
    capaian_organisasi: str | None
    versi: int                 # pass back to Store.simpan
    penilai: dict | None = None  # the evaluator's pegawai row (for the unit-head rule)

    def workspace(self):
        """A typed :class:`kinerja.io.files.Workspace` of this sheet (the pegawai, their evaluator, the SKP,
        this periode's values, no final ratings) for :func:`kinerja.schemes.periode_data`."""
        from kinerja.io.files import Workspace, empty_workspace

        e = empty_workspace()
        peg = pd.DataFrame([self.pegawai] + ([self.penilai] if self.penilai else []))
        ind = self.indikator
        real = ind[ind["realisasi"].notna()].assign(periode=self.periode)
        per = self.perilaku[self.perilaku["rating"].notna()].assign(periode=self.periode, nip=self.pegawai["nip"])
        org = pd.DataFrame([{"unit": self.pegawai["unit"], "periode": self.periode,
                             "capaian": self.capaian_organisasi}]) if self.capaian_organisasi else e.organisasi
        frames = {"pegawai": peg, "skp": ind, "realisasi": real, "perilaku": per, "penilaian": e.penilaian,
                  "organisasi": org}
        return Workspace(**{k: _typed_frame(k, v.reindex(columns=schema.FILES[k].column_names))
                            for k, v in frames.items()})


# ------------------------------------------------------------------------------ the store

class Store:
    """The workspace database. ``Store(url)`` opens it and upgrades its schema to the newest."""

    def __init__(self, url: str, *, upgrade: bool = True):
        self.url = str(url)
        self.engine = make_engine(self.url)
        self.md = build_metadata()
        self.t = self.md.tables
        if upgrade:
            self.upgrade()

    @classmethod
    def for_workspace(cls, workspace=None, db: str | None = None) -> "Store":
        return cls(url_for(workspace, db))

    # --------------------------------------------------------------- schema

    def revision(self) -> str | None:
        insp = sa.inspect(self.engine)
        if not insp.has_table("alembic_version"):
            return None
        with self.engine.connect() as con:
            return con.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()

    def upgrade(self) -> None:
        """Bring the database to the newest schema (Alembic ``upgrade head``), in place."""
        if self.revision() == HEAD:
            return
        from alembic import command

        command.upgrade(alembic_config(self.engine), "head")

    # --------------------------------------------------------------- reading whole tables

    def _frame(self, con, name: str, where=None) -> pd.DataFrame:
        spec = schema.FILES[name]
        t = self.t[name]
        q = sa.select(*[t.c[c] for c in spec.column_names])
        if where is not None:
            q = q.where(where)
        rows = con.execute(q).all()
        if not rows:
            return pd.DataFrame({c: pd.Series([], dtype=object) for c in spec.column_names})
        cols = list(zip(*rows))
        return pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in zip(spec.column_names, cols)})

    def raw_frames(self, con=None) -> dict[str, pd.DataFrame]:
        """Every file as raw strings, as :func:`kinerja.io.files.read_table` would return them."""
        if con is None:
            with self.engine.connect() as c:
                return self.raw_frames(c)
        out = {}
        for name, spec in schema.FILES.items():
            df = self._frame(con, name)
            out[name] = pd.DataFrame({c.name: _raw_column(df[c.name], c.kind) for c in spec.columns}, dtype=object)
        return out

    def to_workspace(self):
        """The whole current state as a validated :class:`kinerja.io.files.Workspace`."""
        from kinerja.io.files import validate_frames

        frames = self.raw_frames()
        return validate_frames(frames, {n: (f"basis data: tabel {n}", None) for n in frames})

    def is_empty(self) -> bool:
        with self.engine.connect() as con:
            return con.execute(sa.select(sa.func.count()).select_from(self.t["pegawai"])).scalar() == 0

    # --------------------------------------------------------------- init / import

    def init_from(self, ws, oleh: str = "init") -> ImportResult:
        """Fill the database from a validated Workspace (all files). On a database that already
        has data this is an import of every file: identical data changes nothing."""
        return self._apply(ws, list(schema.FILES), oleh, berkas="(workspace)")

    def import_frames(self, frames: dict[str, pd.DataFrame], sources: dict[str, tuple[str, str | None]] | None = None,
                      oleh: str = "impor", sha256: str | None = None) -> ImportResult:
        """Validate raw frames (file name -> frame of strings) against the rest of the workspace and
        replace those files' rows, all-or-nothing. Raises ValidationErrors and changes nothing when
        invalid. Importing data identical to what is stored is a no-op."""
        from kinerja.io.files import _norm_header, validate_frames

        frames = {_norm_header(k): v for k, v in frames.items()}
        unknown = [k for k in frames if k not in schema.FILES]
        if unknown:
            raise ValidationErrors([InputError(
                f"'{k}' bukan nama berkas workspace yang dikenal (yang dikenal: {', '.join(schema.FILES)})",
                file=(sources or {}).get(k, (k, None))[0]) for k in unknown])
        sources = sources or {k: (f"{k}.csv", None) for k in frames}
        base = None if self.is_empty() else self.to_workspace()
        ws = validate_frames(frames, sources, base=base)
        berkas = ", ".join(sorted({str(s[0]) for k, s in sources.items() if k in frames}))
        return self._apply(ws, list(frames), oleh, berkas=berkas, sha256=sha256)

    def import_files(self, paths, oleh: str = "impor") -> ImportResult:
        """Import CSV files (named after the workspace file: ``skp.csv`` ...) and/or workbooks
        (every sheet named after a workspace file)."""
        from kinerja.io.files import EXCEL_SUFFIXES, _norm_header, read_table

        frames, sources, errors = {}, {}, []
        h = hashlib.sha256()
        for p in map(Path, paths):
            if not p.is_file():
                errors.append(InputError("berkas tidak ditemukan", file=str(p)))
                continue
            h.update(p.read_bytes())
            if p.suffix.lower() in EXCEL_SUFFIXES:
                from openpyxl import load_workbook

                wb = load_workbook(p, read_only=True)
                names = list(wb.sheetnames)
                wb.close()
                used = [n for n in names if _norm_header(n) in schema.FILES]
                if not used:
                    errors.append(InputError("tidak ada lembar dengan nama berkas workspace ("
                                             + ", ".join(schema.FILES) + ")", file=str(p)))
                for n in used:
                    try:
                        frames[_norm_header(n)] = read_table(p, n)
                        sources[_norm_header(n)] = (str(p), n)
                    except InputError as exc:
                        errors.append(exc)
            else:
                name = _norm_header(p.stem)
                if name not in schema.FILES:
                    errors.append(InputError(
                        f"nama berkas '{p.name}' tidak dikenal; beri nama sesuai isinya: "
                        + ", ".join(f"{n}.csv" for n in schema.FILES), file=str(p)))
                    continue
                try:
                    frames[name] = read_table(p)
                    sources[name] = (str(p), None)
                except InputError as exc:
                    errors.append(exc)
        if errors:
            raise ValidationErrors(errors)
        return self.import_frames(frames, sources, oleh=oleh, sha256=h.hexdigest())

    def _after_table_write(self, name: str) -> None:
        """Hook called inside the import transaction after each table is written (tests use it)."""

    def _apply(self, ws, names: list[str], oleh: str, berkas: str, sha256: str | None = None) -> ImportResult:
        result = ImportResult()
        waktu = _now()
        with self.engine.begin() as con:
            lembar_sentuh: set[tuple[str, str]] = set()
            for name in names:
                spec = schema.FILES[name]
                new = ws[name]
                old = self._frame(con, name)
                diff = _diff(spec, old, new)
                result.perubahan[name] = {k: len(v) for k, v in diff.items()}
                if not any(diff.values()):
                    continue
                t = self.t[name]
                con.execute(sa.delete(t))
                recs = [{c: _py(v) for c, v in zip(spec.column_names, row)}
                        for row in new[spec.column_names].itertuples(index=False, name=None)]
                if recs:
                    con.execute(sa.insert(t), recs)
                if name in AUDITED and len(old):  # a first load is logged in `impor`, not cell by cell
                    audit = []
                    for kind, rows in diff.items():
                        for key, lama, baru in rows:
                            kd = dict(zip(spec.key, key))
                            cols = [c for c in spec.column_names if c not in spec.key]
                            for c in cols:
                                a = None if lama is None else lama.get(c)
                                b = None if baru is None else baru.get(c)
                                if _text(a) != _text(b):
                                    audit.append(dict(waktu=waktu, oleh=oleh, tabel=name, periode=kd.get("periode"),
                                                      nip=kd.get("nip"), kunci=_kunci(spec, key), kolom=c,
                                                      lama=_text(a), baru=_text(b)))
                            if "periode" in kd and "nip" in kd:
                                lembar_sentuh.add((str(kd["periode"]), kd["nip"]))
                    if audit:
                        con.execute(sa.insert(self.t["audit"]), audit)
                self._after_table_write(name)
            for periode, nip in lembar_sentuh:  # open forms on these sheets become stale
                self._bump(con, periode, nip, oleh, waktu, expected=None)
            if not result.kosong:
                con.execute(sa.insert(self.t["impor"]), dict(
                    waktu=waktu, oleh=oleh, berkas=berkas, sha256=sha256, perubahan=result.ringkasan()))
        return result

    # --------------------------------------------------------------- export / backup

    def export(self, out, fmt: str = "csv") -> list[Path]:
        from kinerja.io.files import write_workspace

        return write_workspace(self.to_workspace(), out, fmt)

    def backup(self, target) -> Path:
        """A consistent copy of an SQLite database while it is in use (SQLite online backup)."""
        import sqlite3

        if not self.url.startswith("sqlite"):
            raise NotImplementedError("backup otomatis hanya untuk SQLite; gunakan alat basis data Anda (mis. pg_dump)")
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        if tmp.exists():
            tmp.unlink()
        raw = self.engine.raw_connection()
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                raw.driver_connection.backup(dst)
            finally:
                dst.close()
        finally:
            raw.close()
        os.replace(tmp, target)
        return target

    # --------------------------------------------------------------- service functions (scoped)

    def pegawai(self, nip: str) -> dict | None:
        t = self.t["pegawai"]
        with self.engine.connect() as con:
            r = con.execute(sa.select(t).where(t.c.nip == nip)).mappings().first()
        return dict(r) if r else None

    def penilai(self) -> pd.DataFrame:
        """Pegawai who have at least one bawahan (the evaluators), for the demo identity dropdown."""
        p = self.t["pegawai"]
        b = p.alias("b")
        q = (sa.select(p.c.nip, p.c.nama, p.c.jabatan, p.c.unit, sa.func.count(b.c.nip).label("jumlah_bawahan"))
             .join(b, b.c.nip_atasan == p.c.nip).group_by(p.c.nip, p.c.nama, p.c.jabatan, p.c.unit)
             .order_by(p.c.unit, p.c.nama))
        with self.engine.connect() as con:
            return pd.DataFrame(con.execute(q).all(), columns=["nip", "nama", "jabatan", "unit", "jumlah_bawahan"])

    def periode_list(self, jenis=("triwulan", "tahunan")) -> list[str]:
        """Periode codes to offer: the ``jenis`` periods of every SKP year plus every periode that
        already has data, oldest first."""
        from kinerja.domain.periode import Periode, parse_periode

        found: set[Periode] = set()
        with self.engine.connect() as con:
            years = [r[0] for r in con.execute(sa.select(self.t["skp"].c.periode).distinct())]
            for name in ("realisasi", "perilaku", "penilaian"):
                found.update(parse_periode(r[0]) for r in con.execute(sa.select(self.t[name].c.periode).distinct()))
        for y in years:
            for j in jenis:
                found.update(Periode(int(y), "tahunan").bagian(j))
        return [p.kode for p in sorted(found, key=lambda p: (p.tahun, p.bulan_akhir, p.bulan))]

    def _check_scope(self, con, penilai: str, nip: str) -> dict:
        t = self.t["pegawai"]
        r = con.execute(sa.select(t).where(t.c.nip == nip)).mappings().first()
        if r is None or r["nip_atasan"] != penilai or not penilai:
            raise AccessDenied(f"Anda ({penilai}) bukan Pejabat Penilai pegawai {nip}; akses ditolak.")
        return dict(r)

    def bawahan(self, penilai: str, periode) -> pd.DataFrame:
        """The evaluator's bawahan with their completion status for the periode:
        ``belum`` (nothing entered), ``sebagian``, ``selesai`` (every indikator has realisasi, every
        BerAKHLAK value a rating, and both final ratings are set)."""
        from kinerja.domain.periode import parse_periode

        p = parse_periode(periode)
        peg, skp, real, per, pen = (self.t[n] for n in ("pegawai", "skp", "realisasi", "perilaku", "penilaian"))
        nips = sa.select(peg.c.nip).where(peg.c.nip_atasan == penilai).scalar_subquery()
        with self.engine.connect() as con:
            rows = con.execute(sa.select(peg.c.nip, peg.c.nama, peg.c.jabatan, peg.c.unit)
                               .where(peg.c.nip_atasan == penilai).order_by(peg.c.nama)).all()
            n_ind = dict(con.execute(sa.select(skp.c.nip, sa.func.count()).where(
                skp.c.nip.in_(nips), skp.c.periode == p.tahun).group_by(skp.c.nip)).all())
            n_real = dict(con.execute(sa.select(real.c.nip, sa.func.count()).where(
                real.c.nip.in_(nips), real.c.periode == p.kode).group_by(real.c.nip)).all())
            n_per = dict(con.execute(sa.select(per.c.nip, sa.func.count()).where(
                per.c.nip.in_(nips), per.c.periode == p.kode, per.c.rating.is_not(None),
                per.c.aspek.in_(list(labels.BERAKHLAK))).group_by(per.c.nip)).all())
            n_pen = dict(con.execute(sa.select(pen.c.nip, (
                sa.case((pen.c.rating_hasil_kerja.is_not(None), 1), else_=0)
                + sa.case((pen.c.rating_perilaku.is_not(None), 1), else_=0))).where(
                pen.c.nip.in_(nips), pen.c.periode == p.kode)).all())
        out = pd.DataFrame(rows, columns=["nip", "nama", "jabatan", "unit"])
        status = []
        for nip in out["nip"]:
            have = (n_real.get(nip, 0), n_per.get(nip, 0), n_pen.get(nip, 0))
            need = (n_ind.get(nip, 0), len(labels.BERAKHLAK), 2)
            if not any(have):
                status.append("belum")
            elif all(h >= n for h, n in zip(have, need)):
                status.append("selesai")
            else:
                status.append("sebagian")
        out["status"] = status
        return out

    def lembar(self, penilai: str, nip: str, periode) -> Lembar:
        """One bawahan's sheet for the periode (scope-checked)."""
        from kinerja.domain.periode import parse_periode

        p = parse_periode(periode)
        skp, real, per, pen, org, lem = (self.t[n] for n in ("skp", "realisasi", "perilaku", "penilaian",
                                                            "organisasi", "lembar"))
        with self.engine.connect() as con:
            peg = self._check_scope(con, penilai, nip)
            ind = self._frame(con, "skp", (skp.c.nip == nip) & (skp.c.periode == p.tahun))
            r = self._frame(con, "realisasi", (real.c.nip == nip) & (real.c.periode == p.kode))
            pr = self._frame(con, "perilaku", (per.c.nip == nip) & (per.c.periode == p.kode))
            pn = con.execute(sa.select(pen).where(pen.c.nip == nip, pen.c.periode == p.kode)).mappings().first()
            cap = con.execute(sa.select(org.c.periode, org.c.capaian).where(
                org.c.unit == peg["unit"], org.c.periode.in_([p.kode, p.tahunan().kode]))).all()
            versi = con.execute(sa.select(lem.c.versi).where(lem.c.nip == nip, lem.c.periode == p.kode)).scalar()
            pen_row = con.execute(sa.select(self.t["pegawai"]).where(self.t["pegawai"].c.nip == penilai)).mappings().first()
        ind = ind.merge(r[["rhk_id", "iki_id", "realisasi", "bukti", "umpan_balik"]], on=["rhk_id", "iki_id"], how="left")
        aspek = list(labels.BERAKHLAK)
        pr = pr.set_index("aspek").reindex(aspek)
        perilaku = pd.DataFrame({"aspek": aspek, "rating": [_py(v) for v in pr["rating"]],
                                 "catatan": [_py(v) for v in pr["catatan"]]})
        capd = dict(cap)
        return Lembar(p.kode, peg, ind, perilaku,
                      {k: (_py(pn[k]) if pn else None) for k in FORM_COLUMNS["penilaian"]},
                      capd.get(p.kode) or capd.get(p.tahunan().kode), int(versi or 0),
                      dict(pen_row) if pen_row else None)

    def simpan(self, penilai: str, nip: str, periode, versi: int, *, realisasi=None, perilaku=None,
               penilaian: dict | None = None) -> int:
        """Save one bawahan's sheet in one transaction; returns the new version.

        ``realisasi``: rows ``{rhk_id, iki_id, realisasi, bukti, umpan_balik}`` (realisasi None
        removes the row); ``perilaku``: rows ``{aspek, rating, catatan}``; ``penilaian``: ``{rating_hasil_kerja,
        rating_perilaku, alasan, catatan}``. ``versi`` is the version the form was loaded with; when
        someone saved since, :class:`StaleEditError` is raised and nothing is written. Bad values
        raise :class:`ValidationErrors` (Indonesian messages) and nothing is written.
        """
        from kinerja.domain.periode import parse_periode

        p = parse_periode(periode)
        realisasi = [dict(r) for r in (realisasi or [])]
        perilaku = [dict(r) for r in (perilaku or [])]
        _validate_values(realisasi, perilaku, penilaian)
        waktu = _now()
        oleh = penilai
        with self.engine.begin() as con:
            peg = self._check_scope(con, penilai, nip)  # noqa: F841
            # the version bump is the first write: it takes the write lock, then we compare
            new_versi = self._bump(con, p.kode, nip, oleh, waktu, expected=int(versi))
            skp = self.t["skp"]
            known = {(a, b) for a, b in con.execute(sa.select(skp.c.rhk_id, skp.c.iki_id).where(
                skp.c.nip == nip, skp.c.periode == p.tahun))}
            audit = []
            t = self.t["realisasi"]
            for r in realisasi:
                if (r["rhk_id"], r["iki_id"]) not in known:
                    raise AccessDenied(f"indikator {r['rhk_id']}/{r['iki_id']} bukan milik SKP pegawai {nip}")
                key = {"periode": p.kode, "nip": nip, "rhk_id": r["rhk_id"], "iki_id": r["iki_id"]}
                self._upsert(con, "realisasi", key, {c: r.get(c) for c in FORM_COLUMNS["realisasi"]},
                             delete_if=r.get("realisasi") is None, audit=audit, waktu=waktu, oleh=oleh)
            for r in perilaku:
                key = {"periode": p.kode, "nip": nip, "aspek": labels.aspek_perilaku_code(r["aspek"])}
                rating = labels.rating_code(r["rating"]) if r.get("rating") else None
                self._upsert(con, "perilaku", key, {"rating": rating, "catatan": r.get("catatan") or None},
                             delete_if=rating is None and not r.get("catatan"), audit=audit, waktu=waktu, oleh=oleh)
            if penilaian is not None:
                vals = {c: (penilaian.get(c) or None) for c in FORM_COLUMNS["penilaian"]}
                for c in ("rating_hasil_kerja", "rating_perilaku"):
                    if vals[c]:
                        vals[c] = labels.rating_code(vals[c])
                key = {"periode": p.kode, "nip": nip}
                self._upsert(con, "penilaian", key, vals, delete_if=not any(vals.values()),
                             audit=audit, waktu=waktu, oleh=oleh)
            if audit:
                con.execute(sa.insert(self.t["audit"]), audit)
        return new_versi

    def _bump(self, con, periode: str, nip: str, oleh: str, waktu: str, expected: int | None) -> int:
        lem = self.t["lembar"]
        cond = [lem.c.periode == periode, lem.c.nip == nip]
        if expected is not None:
            cond.append(lem.c.versi == expected)
        res = con.execute(sa.update(lem).where(*cond).values(versi=lem.c.versi + 1, diubah_oleh=oleh, diubah_pada=waktu))
        if res.rowcount == 0:
            cur = con.execute(sa.select(lem.c.versi, lem.c.diubah_oleh, lem.c.diubah_pada).where(*cond[:2])).first()
            if cur is None and (expected in (None, 0)):
                con.execute(sa.insert(lem).values(periode=periode, nip=nip, versi=1, diubah_oleh=oleh, diubah_pada=waktu))
                return 1
            if cur is None:
                cur = (0, None, None)
            raise StaleEditError(
                f"Data pegawai {nip} periode {periode} sudah diubah oleh {cur[1] or 'pengguna lain'} "
                f"pada {_waktu_lokal(cur[2])} setelah formulir ini dibuka (versi {expected} -> {cur[0]}). "
                "Perubahan Anda belum disimpan. Muat ulang data pegawai ini, lalu isi kembali.")
        return int(con.execute(sa.select(lem.c.versi).where(*cond[:2])).scalar())

    def _upsert(self, con, name: str, key: dict, values: dict, *, delete_if: bool, audit: list, waktu, oleh) -> None:
        t = self.t[name]
        where = [t.c[k] == v for k, v in key.items()]
        old = con.execute(sa.select(*[t.c[c] for c in values]).where(*where)).mappings().first()
        old = dict(old) if old else None
        if delete_if:
            if old is None:
                return
            con.execute(sa.delete(t).where(*where))
            new = {c: None for c in values}
        elif old is None:
            con.execute(sa.insert(t).values(**key, **values))
            new = values
        else:
            if all(_text(old[c]) == _text(values[c]) for c in values):
                return
            con.execute(sa.update(t).where(*where).values(**values))
            new = values
        spec = schema.FILES[name]
        kunci = _kunci(spec, tuple(key[k] for k in spec.key))
        for c in values:
            a = None if old is None else old.get(c)
            if _text(a) != _text(new[c]):
                audit.append(dict(waktu=waktu, oleh=oleh, tabel=name, periode=key.get("periode"), nip=key.get("nip"),
                                  kunci=kunci, kolom=c, lama=_text(a), baru=_text(new[c])))

    def workspace_bawahan(self, penilai: str):
        """A typed :class:`kinerja.io.files.Workspace` holding only the evaluator's bawahan (and their
        units' capaian organisasi), for scoring the evaluator's team (unit view)."""
        from kinerja.io.files import Workspace

        peg = self.t["pegawai"]
        with self.engine.connect() as con:
            nips = sa.select(peg.c.nip).where(peg.c.nip_atasan == penilai).scalar_subquery()
            frames = {}
            for name in ("pegawai", "skp", "realisasi", "perilaku", "penilaian"):
                frames[name] = self._frame(con, name, self.t[name].c.nip.in_(nips))
            units = sorted(set(frames["pegawai"]["unit"]))
            frames["organisasi"] = self._frame(con, "organisasi", self.t["organisasi"].c.unit.in_(units))
        return Workspace(**{k: _typed_frame(k, v) for k, v in frames.items()})

    def riwayat(self, nip: str | None = None, periode=None) -> pd.DataFrame:
        """The audit trail (HR; not scoped)."""
        a = self.t["audit"]
        q = sa.select(a).order_by(a.c.id)
        if nip:
            q = q.where(a.c.nip == nip)
        if periode is not None:
            from kinerja.domain.periode import normalise_periode

            q = q.where(a.c.periode == normalise_periode(periode))
        with self.engine.connect() as con:
            return pd.DataFrame(con.execute(q).mappings().all(),
                                columns=[c.name for c in a.columns])


# ------------------------------------------------------------------------------ helpers

def _typed_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    from kinerja.io.files import _typed

    spec = schema.FILES[name]
    return pd.DataFrame({c.name: _typed(c.kind, df[c.name].to_numpy(dtype=object)
                                        if c.kind not in ("num", "tahun") else
                                        pd.to_numeric(df[c.name], errors="coerce").to_numpy(dtype="float64"),
                                        c.nullable) for c in spec.columns})


def _raw_column(col: pd.Series, kind: str) -> np.ndarray:
    """A stored column as the strings a CSV would hold ('' for empty), vectorised."""
    if kind in ("num", "tahun"):
        a = pd.to_numeric(col, errors="coerce").to_numpy(dtype="float64")
        out = np.full(len(a), "", dtype=object)
        ok = ~np.isnan(a)
        whole = ok & (a == np.round(a)) & (np.abs(a) < 1e15)
        out[whole] = a[whole].astype("int64").astype(str)
        rest = ok & ~whole
        out[rest] = [repr(float(x)) for x in a[rest]]
        return out
    v = col.to_numpy(dtype=object)
    out = np.full(len(v), "", dtype=object)
    ok = pd.notna(v)
    out[ok] = [str(x) for x in v[ok]]
    return out


def _kunci(spec: schema.FileSpec, key: tuple) -> str:
    return "/".join(str(_text(v)) for k, v in zip(spec.key, key) if k not in ("periode", "nip"))


def _diff(spec: schema.FileSpec, old: pd.DataFrame, new: pd.DataFrame) -> dict:
    """Rows added, changed and removed between two frames of one file, by key.
    Each entry: (key tuple, old row dict or None, new row dict or None)."""
    cols = spec.column_names

    def rows(df):
        out = {}
        for row in df[cols].itertuples(index=False, name=None):
            d = {c: _text(v) for c, v in zip(cols, row)}
            k = tuple(d[c] for c in spec.key)
            out[k] = d
        return out

    o, n = rows(old), rows(new)
    tambah = [(k, None, n[k]) for k in n.keys() - o.keys()]
    hapus = [(k, o[k], None) for k in o.keys() - n.keys()]
    ubah = [(k, o[k], n[k]) for k in n.keys() & o.keys() if o[k] != n[k]]
    return {"tambah": tambah, "ubah": ubah, "hapus": hapus}


def _waktu_lokal(iso: str | None) -> str:
    if not iso:
        return "waktu yang tidak diketahui"
    try:
        t = _dt.datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return t.strftime("%d-%m-%Y %H:%M:%S")


def _validate_values(realisasi: list[dict], perilaku: list[dict], penilaian: dict | None) -> None:
    """Type checks of form values (the store never trusts the widgets). Messages in Indonesian."""
    errs = []
    for r in realisasi:
        v = r.get("realisasi")
        if v is None or (isinstance(v, str) and not v.strip()):
            r["realisasi"] = None
            continue
        try:
            f = float(str(v).replace(",", ".")) if isinstance(v, str) else float(v)
        except (TypeError, ValueError):
            errs.append(InputError(f"realisasi '{v}' bukan angka", column=f"realisasi {r.get('rhk_id')}/{r.get('iki_id')}"))
            continue
        if not math.isfinite(f) or f < 0:
            errs.append(InputError(f"realisasi {v} tidak boleh negatif", column=f"realisasi {r.get('rhk_id')}/{r.get('iki_id')}"))
            continue
        r["realisasi"] = f
        for c in ("bukti", "umpan_balik"):
            r[c] = (str(r.get(c)).strip() or None) if r.get(c) is not None else None
    for r in perilaku:
        try:
            labels.aspek_perilaku_code(r.get("aspek"))
        except (KeyError, ValueError):
            errs.append(InputError(f"nilai perilaku '{r.get('aspek')}' tidak dikenal", column="aspek"))
        if r.get("rating"):
            try:
                labels.rating_code(r["rating"])
            except (KeyError, ValueError):
                errs.append(InputError(f"rating '{r['rating']}' tidak dikenal", column=f"rating {r.get('aspek')}"))
    for c in ("rating_hasil_kerja", "rating_perilaku"):
        v = (penilaian or {}).get(c)
        if v:
            try:
                labels.rating_code(v)
            except (KeyError, ValueError):
                errs.append(InputError(f"rating '{v}' tidak dikenal", column=c))
    if errs:
        raise ValidationErrors(errs)


def alembic_config(engine: sa.Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


__all__ = ["Store", "Lembar", "ImportResult", "make_engine", "url_for", "build_metadata", "DB_FILENAME"]
