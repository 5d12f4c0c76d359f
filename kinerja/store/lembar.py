"""Evaluation sheets: one bawahan's data for one periode, read in one snapshot and saved in one
transaction with optimistic concurrency (``lembar.versi``).

Rules enforced here, whoever calls (the form, a service, a notebook, a script):

* scope: an evaluator reads and writes only their direct bawahan *in that periode*: ``pegawai.nip_atasan``,
  or the placement after a mutasi and the Plt./Plh. assignments (:mod:`kinerja.domain.penempatan`, the
  same rule the scoring frames use);
* a save prepared on an older ``versi`` is refused (:class:`~kinerja.errors.StaleEditError`); the
  data and the ``versi`` a form holds come from one snapshot (:meth:`SheetMixin.lembar`);
* a save writes only the fields it holds: a save of ``rating_hasil_kerja`` alone keeps
  ``rating_perilaku``, ``alasan`` and ``catatan``;
* an override needs a written reason: a final rating that differs from the suggested one
  (``usulan``, computed by :mod:`kinerja.services.penilaian` with the scheme) is refused without
  ``alasan``; when the caller gives no ``usulan`` the store cannot know it, so every final rating
  then needs an ``alasan``;
* numbers are read with the one parser (:func:`kinerja.domain.angka.parse_numbers`);
* a database that is busy beyond the busy timeout, or read-only, raises
  :class:`~kinerja.errors.SaveFailed` with an Indonesian message; nothing is written.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from kinerja.domain import labels, schema
from kinerja.errors import AccessDenied, InputError, SaveFailed, StaleEditError, ValidationErrors
from kinerja.store.audit import sel_audit
from kinerja.store.engine import read_tx, write_tx
from kinerja.store.tables import _now, _py, _text, _typed_frame, _waktu_lokal

# Columns of a lembar that the evaluator's form writes.
FORM_COLUMNS = {
    "realisasi": ("realisasi", "bukti", "umpan_balik"),
    "perilaku": ("rating", "catatan"),
    "penilaian": ("rating_hasil_kerja", "rating_perilaku", "alasan", "catatan"),
}
PESAN_SIBUK = "Gagal menyimpan: basis data sedang sibuk, coba lagi."
PESAN_HANYA_BACA = ("Gagal menyimpan: basis data hanya dapat dibaca (read-only). "
                    "Hubungi admin kepegawaian; isian Anda belum tersimpan.")
PESAN_GAGAL = "Gagal menyimpan: basis data tidak dapat ditulis ({}). Coba lagi."


@contextlib.contextmanager
def gagal_simpan():
    """Turn a database failure of a write (locked beyond the busy timeout, read-only, connection
    lost) into :class:`SaveFailed` with an Indonesian message."""
    try:
        yield
    except (sa.exc.OperationalError, sa.exc.InternalError) as exc:  # InternalError: PostgreSQL read-only
        raise SaveFailed(pesan_gagal(exc)) from exc
    except sa.exc.InterfaceError as exc:
        raise SaveFailed(PESAN_GAGAL.format("koneksi terputus")) from exc


def pesan_gagal(exc: Exception) -> str:
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text or "lock timeout" in text or "deadlock" in text:
        return PESAN_SIBUK
    if "readonly" in text or "read-only" in text or "read only" in text:
        return PESAN_HANYA_BACA
    return PESAN_GAGAL.format(str(getattr(exc, "orig", exc)).splitlines()[0][:80])


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
    penempatan: list[dict] = field(default_factory=list)  # the pegawai's placements of the year (mutasi)

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
                  "organisasi": org, "penempatan": pd.DataFrame(self.penempatan)}
        typed = {k: _typed_frame(k, v.reindex(columns=schema.FILES[k].column_names)) for k, v in frames.items()}
        extra = {"penempatan": typed.pop("penempatan")}
        return Workspace(**typed, extra=extra)




class SheetMixin:
    """Scoped reading and saving of evaluation sheets (for :class:`kinerja.store.core.Store`)."""

    def pegawai(self, nip: str) -> dict | None:
        t = self.t["pegawai"]
        with self.engine.connect() as con:
            r = con.execute(sa.select(t).where(t.c.nip == nip)).mappings().first()
        return dict(r) if r else None

    def penilai(self) -> pd.DataFrame:
        """Pegawai who have at least one bawahan (the evaluators), for the demo identity dropdown:
        atasan in the pegawai table, in a placement (mutasi) or of a Plt./Plh.; ``jumlah_bawahan``
        counts the pegawai rows naming them."""
        p, tempat, plt = self.t["pegawai"], self.t["penempatan"], self.t["plt"]
        atasan = sa.union(sa.select(p.c.nip_atasan.label("nip")), sa.select(tempat.c.nip_atasan),
                          sa.select(plt.c.nip_atasan)).subquery()
        b = p.alias("b")
        jumlah = sa.select(sa.func.count()).select_from(b).where(b.c.nip_atasan == p.c.nip).scalar_subquery()
        q = (sa.select(p.c.nip, p.c.nama, p.c.jabatan, p.c.unit, jumlah.label("jumlah_bawahan"))
             .where(p.c.nip.in_(sa.select(atasan.c.nip))).order_by(p.c.unit, p.c.nama))
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

    def _efektif(self, con, p):
        """Placements and Plt./Plh. assignments for periode ``p`` (kinerja.domain.penempatan)."""
        from kinerja.domain.penempatan import efektif

        pen, plt = self.t["penempatan"], self.t["plt"]
        rows_pen = con.execute(sa.select(pen).where(pen.c.mulai.like(f"{p.tahun}-%"))).mappings().all()
        rows_plt = con.execute(sa.select(plt)).mappings().all()
        return efektif(p, rows_pen, rows_plt)

    @staticmethod
    def _placed(row, ef) -> dict | None:
        """A pegawai row as placed in the periode of ``ef``; None before their first placement."""
        from kinerja.domain.penempatan import KOLOM_PENEMPATAN

        r = dict(row)
        r["penempatan_mulai"] = None
        if r["nip"] in ef.penempatan:
            pl = ef.penempatan[r["nip"]]
            if pl is None:
                return None
            r.update({k: getattr(pl, k) for k in KOLOM_PENEMPATAN}, penempatan_mulai=pl.mulai)
        r["nip_atasan"] = ef.atasan(r["nip"], r["nip_atasan"])
        return r

    def _check_scope(self, con, penilai: str, nip: str, p) -> dict:
        t = self.t["pegawai"]
        r = con.execute(sa.select(t).where(t.c.nip == nip)).mappings().first()
        r = self._placed(r, self._efektif(con, p)) if r is not None else None
        if r is None or r["nip_atasan"] != penilai or not penilai:
            raise AccessDenied(f"Anda ({penilai}) bukan Pejabat Penilai pegawai {nip} pada periode {p.kode}; "
                               "akses ditolak.")
        return r

    def _bawahan_rows(self, con, penilai: str, p) -> list[dict]:
        """The evaluator's bawahan in periode ``p``, placed (see :meth:`_placed`), ordered by name."""
        peg = self.t["pegawai"]
        ef = self._efektif(con, p)
        moved = set(ef.penempatan) | set(ef.atasan_plt)
        rows = con.execute(sa.select(peg).where(
            (peg.c.nip_atasan == penilai) | peg.c.nip.in_(sorted(moved))).order_by(peg.c.nama)).mappings().all()
        out = [self._placed(r, ef) for r in rows]
        return [r for r in out if r is not None and r["nip_atasan"] == penilai and penilai]

    def bawahan(self, penilai: str, periode) -> pd.DataFrame:
        """The evaluator's bawahan with their completion status for the periode:
        ``belum`` (nothing entered), ``sebagian``, ``selesai`` (every indikator has realisasi, every
        BerAKHLAK value a rating, and both final ratings are set)."""
        from kinerja.domain.periode import parse_periode

        p = parse_periode(periode)
        skp, real, per, pen = (self.t[n] for n in ("skp", "realisasi", "perilaku", "penilaian"))
        with read_tx(self.engine) as con:
            placed = self._bawahan_rows(con, penilai, p)
            nips = [r["nip"] for r in placed]
            mulai = {r["nip"]: r["penempatan_mulai"] for r in placed}
            n_ind: dict[str, int] = {}
            for nip, m, k in con.execute(sa.select(skp.c.nip, skp.c.mulai, sa.func.count()).where(
                    skp.c.nip.in_(nips), skp.c.periode == p.tahun).group_by(skp.c.nip, skp.c.mulai)).all():
                if m == mulai.get(nip):  # a pegawai who moved: the SKP of this periode's placement
                    n_ind[nip] = k
            n_real = dict(con.execute(sa.select(real.c.nip, sa.func.count()).where(
                real.c.nip.in_(nips), real.c.periode == p.kode).group_by(real.c.nip)).all())
            n_per = dict(con.execute(sa.select(per.c.nip, sa.func.count()).where(
                per.c.nip.in_(nips), per.c.periode == p.kode, per.c.rating.is_not(None),
                per.c.aspek.in_(list(labels.BERAKHLAK))).group_by(per.c.nip)).all())
            n_pen = dict(con.execute(sa.select(pen.c.nip, (
                sa.case((pen.c.rating_hasil_kerja.is_not(None), 1), else_=0)
                + sa.case((pen.c.rating_perilaku.is_not(None), 1), else_=0))).where(
                pen.c.nip.in_(nips), pen.c.periode == p.kode)).all())
        out = pd.DataFrame([[r[c] for c in ("nip", "nama", "jabatan", "unit")] for r in placed],
                           columns=["nip", "nama", "jabatan", "unit"])
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
        """One bawahan's sheet for the periode (scope-checked), data and ``versi`` read in ONE snapshot."""
        from kinerja.domain.periode import parse_periode

        p = parse_periode(periode)
        skp, real, per, pen, org, lem = (self.t[n] for n in ("skp", "realisasi", "perilaku", "penilaian",
                                                            "organisasi", "lembar"))
        with read_tx(self.engine) as con:
            peg = self._check_scope(con, penilai, nip, p)
            ind = self._frame(con, "skp", (skp.c.nip == nip) & (skp.c.periode == p.tahun)
                              & (skp.c.mulai == peg["penempatan_mulai"] if peg["penempatan_mulai"]
                                 else skp.c.mulai.is_(None)))
            r = self._frame(con, "realisasi", (real.c.nip == nip) & (real.c.periode == p.kode))
            pr = self._frame(con, "perilaku", (per.c.nip == nip) & (per.c.periode == p.kode))
            pn = con.execute(sa.select(pen).where(pen.c.nip == nip, pen.c.periode == p.kode)).mappings().first()
            cap = con.execute(sa.select(org.c.periode, org.c.capaian).where(
                org.c.unit == peg["unit"], org.c.periode.in_([p.kode, p.tahunan().kode]))).all()
            versi = con.execute(sa.select(lem.c.versi).where(lem.c.nip == nip, lem.c.periode == p.kode)).scalar()
            pen_row = con.execute(sa.select(self.t["pegawai"]).where(self.t["pegawai"].c.nip == penilai)).mappings().first()
            tempat = self.t["penempatan"]
            riwayat = [dict(r) for r in con.execute(sa.select(tempat).where(
                tempat.c.nip == nip, tempat.c.mulai.like(f"{p.tahun}-%"))).mappings()]
        ind = ind.merge(r[["rhk_id", "iki_id", "realisasi", "bukti", "umpan_balik"]], on=["rhk_id", "iki_id"], how="left")
        aspek = list(labels.BERAKHLAK)
        pr = pr.set_index("aspek").reindex(aspek)
        perilaku = pd.DataFrame({"aspek": aspek, "rating": [_py(v) for v in pr["rating"]],
                                 "catatan": [_py(v) for v in pr["catatan"]]})
        capd = dict(cap)
        return Lembar(p.kode, peg, ind, perilaku,
                      {k: (_py(pn[k]) if pn else None) for k in FORM_COLUMNS["penilaian"]},
                      capd.get(p.kode) or capd.get(p.tahunan().kode), int(versi or 0),
                      dict(pen_row) if pen_row else None, riwayat)

    def simpan(self, penilai: str, nip: str, periode, versi: int, *, realisasi=None, perilaku=None,
               penilaian: dict | None = None, usulan: dict | None = None, oleh: str | None = None) -> int:
        """Save one bawahan's sheet in one transaction; returns the new version.

        ``realisasi``: rows ``{rhk_id, iki_id, realisasi[, bukti, umpan_balik]}`` (realisasi None or
        empty removes the row); ``perilaku``: rows ``{aspek, rating[, catatan]}``; ``penilaian``: any of
        ``{rating_hasil_kerja, rating_perilaku, alasan, catatan}``. Only the fields given are written.
        ``usulan``: ``{rating_hasil_kerja, rating_perilaku}`` suggested by the scheme for the saved data
        (the override rule, see the module doc). ``versi``: the version the form was loaded with; when
        someone saved since, :class:`StaleEditError` and nothing is written. ``oleh``: who is saving,
        for the audit (default: ``penilai``). Bad values raise :class:`ValidationErrors`.
        """
        from kinerja.domain.periode import parse_periode

        p = parse_periode(periode)
        realisasi = [dict(r) for r in (realisasi or [])]
        perilaku = [dict(r) for r in (perilaku or [])]
        penilaian = dict(penilaian) if penilaian is not None else None
        _validate_values(realisasi, perilaku, penilaian)
        waktu = _now()
        oleh = oleh or penilai
        with gagal_simpan():
            try:
                return self._simpan(p, penilai, nip, int(versi), realisasi, perilaku, penilaian, usulan, oleh, waktu)
            except sa.exc.IntegrityError as exc:  # PostgreSQL: two first saves of one sheet at once
                raise StaleEditError(_pesan_stale(nip, p.kode, None, versi, None)) from exc

    def _simpan(self, p, penilai, nip, versi, realisasi, perilaku, penilaian, usulan, oleh, waktu) -> int:
        with write_tx(self.engine) as con:
            placed = self._check_scope(con, penilai, nip, p)
            # the version bump is the first write: compare-and-set under the write lock
            new_versi = self._bump(con, p.kode, nip, oleh, waktu, expected=versi)
            skp = self.t["skp"]
            known = {(a, b) for a, b, m in con.execute(sa.select(skp.c.rhk_id, skp.c.iki_id, skp.c.mulai).where(
                skp.c.nip == nip, skp.c.periode == p.tahun)) if m == placed["penempatan_mulai"]}
            audit: list[dict] = []
            for r in realisasi:
                if (r["rhk_id"], r["iki_id"]) not in known:
                    raise AccessDenied(f"indikator {r['rhk_id']}/{r['iki_id']} bukan milik SKP pegawai {nip}")
                key = {"periode": p.kode, "nip": nip, "rhk_id": r["rhk_id"], "iki_id": r["iki_id"]}
                self._upsert(con, "realisasi", key, {c: r[c] for c in FORM_COLUMNS["realisasi"] if c in r},
                             delete_if=r.get("realisasi") is None, audit=audit, waktu=waktu, oleh=oleh)
            for r in perilaku:
                key = {"periode": p.kode, "nip": nip, "aspek": labels.aspek_perilaku_code(r["aspek"])}
                vals = {"rating": labels.rating_code(r["rating"]) if r.get("rating") else None}
                if "catatan" in r:
                    vals["catatan"] = r.get("catatan") or None
                self._upsert(con, "perilaku", key, vals, delete_if=vals["rating"] is None and not vals.get("catatan"),
                             audit=audit, waktu=waktu, oleh=oleh)
            if penilaian is not None:
                vals = {c: (penilaian.get(c) or None) for c in FORM_COLUMNS["penilaian"] if c in penilaian}
                for c in ("rating_hasil_kerja", "rating_perilaku"):
                    if vals.get(c):
                        vals[c] = labels.rating_code(vals[c])
                key = {"periode": p.kode, "nip": nip}
                pen = self.t["penilaian"]
                cur = con.execute(sa.select(pen).where(pen.c.nip == nip, pen.c.periode == p.kode)).mappings().first()
                after = {c: (vals[c] if c in vals else (cur[c] if cur else None))
                         for c in pen.c.keys() if c not in ("periode", "nip", "_id")}
                if any(c in vals for c in ("rating_hasil_kerja", "rating_perilaku", "alasan")):
                    cek_alasan(after, usulan)
                self._upsert(con, "penilaian", key, vals, delete_if=not any(v is not None for v in after.values()),
                             audit=audit, waktu=waktu, oleh=oleh)
            if audit:
                con.execute(sa.insert(self.t["audit"]), audit)
            self._after_save(con)
        return new_versi

    def _after_save(self, con) -> None:
        """Hook inside the save transaction, before commit (tests pause here)."""

    def _bump(self, con, periode: str, nip: str, oleh: str, waktu: str, expected: int | None) -> int:
        lem = self.t["lembar"]
        cond = [lem.c.periode == periode, lem.c.nip == nip]
        if expected is not None:
            cond.append(lem.c.versi == expected)
        res = con.execute(sa.update(lem).where(*cond).values(versi=lem.c.versi + 1, diubah_oleh=oleh[:64],
                                                             diubah_pada=waktu))
        if res.rowcount == 0:
            cur = con.execute(sa.select(lem.c.versi, lem.c.diubah_oleh, lem.c.diubah_pada).where(*cond[:2])).first()
            if cur is None and (expected in (None, 0)):
                con.execute(sa.insert(lem).values(periode=periode, nip=nip, versi=1, diubah_oleh=oleh[:64],
                                                  diubah_pada=waktu))
                return 1
            if cur is None:
                cur = (0, None, None)
            raise StaleEditError(_pesan_stale(nip, periode, cur[1], expected, cur[0], cur[2]))
        return int(con.execute(sa.select(lem.c.versi).where(*cond[:2])).scalar())

    def _upsert(self, con, name: str, key: dict, values: dict, *, delete_if: bool, audit: list, waktu, oleh) -> None:
        t = self.t[name]
        where = [t.c[k] == v for k, v in key.items()]
        cols = [c for c in t.c.keys() if c not in key and c != "_id"]
        old = con.execute(sa.select(*[t.c[c] for c in cols]).where(*where)).mappings().first()
        old = dict(old) if old else None
        if delete_if:
            if old is None:
                return
            con.execute(sa.delete(t).where(*where))
            new = {c: None for c in cols}
        elif old is None:
            con.execute(sa.insert(t).values(**key, **values))
            new = {c: values.get(c) for c in cols}
        else:
            if all(_text(old[c]) == _text(values[c]) for c in values):
                return
            con.execute(sa.update(t).where(*where).values(**values))
            new = dict(old, **values)
        for c in cols:
            a = None if old is None else old.get(c)
            if _text(a) != _text(new[c]):
                audit.append(sel_audit(waktu, oleh, name, key, c, a, new[c]))

    def workspace_bawahan(self, penilai: str, periode):
        """A typed :class:`kinerja.io.files.Workspace` holding only the evaluator's bawahan in the
        periode (and their units' capaian organisasi, placements and Plt./Plh. assignments), for
        scoring the evaluator's team (unit view)."""
        from kinerja.domain.periode import parse_periode
        from kinerja.io.files import Workspace

        p = parse_periode(periode)
        with read_tx(self.engine) as con:
            placed = self._bawahan_rows(con, penilai, p)
            nips = [r["nip"] for r in placed]
            frames = {}
            for name in ("pegawai", "skp", "realisasi", "perilaku", "penilaian", "penempatan"):
                frames[name] = self._frame(con, name, self.t[name].c.nip.in_(nips))
            frames["plt"] = self._frame(con, "plt", sa.true())
            units = sorted({r["unit"] for r in placed})
            frames["organisasi"] = self._frame(con, "organisasi", self.t["organisasi"].c.unit.in_(units))
        typed = {k: _typed_frame(k, v) for k, v in frames.items()}
        extra = {k: typed.pop(k) for k in ("penempatan", "plt")}
        return Workspace(**typed, extra=extra)



def cek_alasan(penilaian: dict, usulan: dict | None) -> None:
    """The override rule: a final rating that differs from the usulan needs an ``alasan``.
    ``usulan`` None (unknown): every final rating needs an alasan."""
    if (penilaian.get("alasan") or "").strip():
        return
    beda = []
    for c, nama in (("rating_hasil_kerja", "hasil kerja"), ("rating_perilaku", "perilaku kerja")):
        f = penilaian.get(c)
        if not f:
            continue
        u = (usulan or {}).get(c)
        if usulan is None or (u and labels.rating_code(u) != labels.rating_code(f)):
            beda.append(nama)
    if beda:
        if usulan is None:
            msg = ("Tuliskan alasan: rating " + " dan ".join(beda) + " akhir ditetapkan tanpa usulan yang "
                   "dapat diperiksa (simpan lewat kinerja.services.penilaian agar usulan dihitung).")
        else:
            msg = "Tuliskan alasan: rating " + " dan ".join(beda) + " akhir berbeda dari usulan."
        raise ValidationErrors([InputError(msg, column="alasan")])


def _pesan_stale(nip, periode, oleh, expected, now, waktu=None) -> str:
    return (f"Data pegawai {nip} periode {periode} sudah diubah oleh {oleh or 'pengguna lain'} "
            f"pada {_waktu_lokal(waktu)} setelah formulir ini dibuka (versi {expected} -> {now if now is not None else 'baru'}). "
            "Perubahan Anda belum disimpan. Muat ulang data pegawai ini, lalu isi kembali.")


def baca_angka(v) -> float | None:
    """One value as the one number parser reads it: None when empty, NaN when not a number."""
    from kinerja.domain.angka import baca_angka as baca

    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    return baca(v)


def _validate_values(realisasi: list[dict], perilaku: list[dict], penilaian: dict | None) -> None:
    """Type checks of form values (the store never trusts the widgets). Messages in Indonesian."""
    errs = []
    for r in realisasi:
        col = f"realisasi {r.get('rhk_id')}/{r.get('iki_id')}"
        v = r.get("realisasi")
        f = baca_angka(v)
        if f is None:
            r["realisasi"] = None
            continue
        if math.isnan(f):
            errs.append(InputError(f"realisasi '{v}' bukan angka", column=col))
            continue
        if not math.isfinite(f) or f < 0:
            errs.append(InputError(f"realisasi {v} tidak boleh negatif", column=col))
            continue
        r["realisasi"] = f
        for c in ("bukti", "umpan_balik"):
            if c in r:
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
