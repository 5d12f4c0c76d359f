"""Saving an evaluation: the one way every writer (the form, the CLI, a notebook, a Python caller)
saves one bawahan's realisasi, perilaku and penilaian for one periode.

:func:`simpan_penilaian` enforces, and every caller gets the same Indonesian errors:

* **scope** -- the evaluator reaches only their own bawahan (:class:`~kinerja.errors.AccessDenied`);
* **stale edits** -- a save prepared on an older ``versi`` is refused (:class:`~kinerja.errors.StaleEditError`);
* **the override reason** -- after every save, a final rating that differs from the *usulan* the
  scheme suggests for the saved data needs a written ``alasan`` (:class:`~kinerja.errors.ValidationErrors`),
  whatever the save holds: a save of realisasi or perilaku alone that turns a stored final rating
  into an override is refused with what to do (write a reason, or set the final rating to the
  usulan) (:func:`cek_override`). The usulan is computed here with the scheme and passed to the
  store, which checks saves of the ratings again (:func:`kinerja.store.lembar.cek_alasan`, the one
  rule): a caller that bypasses this module and gives no usulan must give an alasan for every final
  rating it saves;
* **numbers** -- realisasi is read with the one parser (:func:`kinerja.domain.angka.parse_numbers`).
  A value such as ``2.530`` is ambiguous (Indonesian thousands, or a decimal point). When the
  thousands reading is the one near the indikator's target (2.530 against a target of 2.400) the
  save is refused with a question ("tulis 2530 tanpa titik, atau 2,530 dengan koma"): never
  silently 1000x off. (The form removes thousands dots of rupiah indikator before saving.);
* **audit** -- every changed cell is recorded with ``oleh``, the person saving (a user name or NIP);
* **failed saves** -- a busy or read-only database raises :class:`~kinerja.errors.SaveFailed`
  ("Gagal menyimpan: basis data sedang sibuk, coba lagi"), nothing written.

Imported data follows a different rule, written in :mod:`kinerja.services.impor`: historical final
ratings without a reason are accepted by an import and listed as warnings.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections import OrderedDict
from functools import lru_cache

from kinerja.errors import InputError, ValidationErrors


@lru_cache(maxsize=4096)
def _angka(teks, target) -> float:
    """The one number reader, remembered per (text, target): a form saves every row's text on each
    Simpan, and a thousands-dotted "2.544" takes the parser's slow path."""
    from kinerja.domain.angka import baca_angka

    return baca_angka(teks, target)


def baca_realisasi(teks, target=None) -> float | None:
    """A realisasi as typed, read with the one number reader (:func:`kinerja.domain.angka.baca_angka`);
    None when empty. ``2.530`` against a target of 2.400 is 2530 (the reading near the target).

    Raises InputError (Indonesian) when it is not a non-negative number.
    """
    if teks is None or (isinstance(teks, str) and not teks.strip()):
        return None
    v = _angka(teks, target) if isinstance(teks, str) else _angka.__wrapped__(teks, target)
    if math.isnan(v) or not math.isfinite(v):
        raise InputError(f"realisasi '{teks}' bukan angka")
    if v < 0:
        raise InputError(f"realisasi {teks} tidak boleh negatif")
    return v


# The PeriodeData of a sheet without its realisasi and perilaku, by content: a form's saves of one
# sheet change only those, so each save scores from a copy instead of rebuilding a workspace and its
# PeriodeData (~20 ms of a ~80 ms Simpan). The key is the content (SKP rows and every other field of
# the sheet: pegawai, evaluator, placements, capaian organisasi, periode; and the config), never a
# version: a changed SKP, placement or capaian is a new key.
_BASIS: OrderedDict = OrderedDict()
_BASIS_MAKS = 64
_BASIS_KUNCI = threading.Lock()
_NILAI = ("realisasi", "bukti", "umpan_balik")


def _sidik(lembar, cfg) -> tuple:
    import json

    import pandas as pd

    ind = lembar.indikator.drop(columns=[c for c in _NILAI if c in lembar.indikator.columns])
    isi = pd.util.hash_pandas_object(ind.astype(str), index=False).to_numpy().tobytes()
    lain = {f.name: getattr(lembar, f.name) for f in dataclasses.fields(lembar)
            if f.name not in ("indikator", "perilaku", "penilaian", "versi")}  # pegawai, penempatan, ...
    teks = json.dumps([lain, list(ind.columns), cfg], sort_keys=True, default=str)
    return teks, isi


def _basis(lembar, cfg):
    """The sheet's PeriodeData with no realisasi, perilaku or final ratings (cached by content)."""
    from kinerja.dataset import subset
    from kinerja.schemes import periode_data

    key = _sidik(lembar, cfg)
    with _BASIS_KUNCI:
        data = _BASIS.get(key)
        if data is not None:
            _BASIS.move_to_end(key)
            return data
    ind = lembar.indikator.copy()
    for c in _NILAI:
        if c in ind.columns:
            ind[c] = None
    kosong = dataclasses.replace(lembar, indikator=ind, perilaku=lembar.perilaku.assign(rating=None, catatan=None),
                                 penilaian={})
    data = subset(periode_data(kosong.workspace(), lembar.periode, cfg), [lembar.pegawai["nip"]])
    data.penilaian = data.penilaian.iloc[0:0]
    with _BASIS_KUNCI:
        _BASIS[key] = data
        while len(_BASIS) > _BASIS_MAKS:
            _BASIS.popitem(last=False)
    return data


def data_lembar(lembar, realisasi=(), perilaku=(), cfg=None):
    """The :class:`kinerja.dataset.PeriodeData` one sheet is scored from: its stored realisasi and
    perilaku with the given rows applied (``realisasi``: ``{rhk_id, iki_id, realisasi}`` read as
    numbers, None removes; ``perilaku``: ``{aspek, rating}``), no final ratings, no bukti or umpan
    balik (scoring does not read them). The form scores its live view from this too, so the form and
    the service score the same data. The indikator and perilaku frames are the caller's own; the
    other frames are shared and must not be changed."""
    import numpy as np
    import pandas as pd

    from kinerja.dataset import PeriodeData
    from kinerja.domain import labels

    base = _basis(lembar, cfg)
    nilai = {(r.rhk_id, r.iki_id): r.realisasi for r in lembar.indikator.itertuples()}
    for r in realisasi:
        nilai[(r["rhk_id"], r["iki_id"])] = np.nan if r.get("realisasi") is None else r["realisasi"]
    ind = base.indikator.copy()
    keys = zip(ind["rhk_id"], ind["iki_id"])
    ind["realisasi"] = pd.to_numeric(pd.Series([nilai.get(k, np.nan) for k in keys], index=ind.index, dtype=object),
                                     errors="coerce").astype(float)
    rating = {r.aspek: r.rating for r in lembar.perilaku.itertuples()}
    for r in perilaku:
        rating[labels.aspek_perilaku_code(r["aspek"])] = labels.rating_code(r["rating"]) if r.get("rating") else None
    per = [(a, v) for a, v in rating.items() if isinstance(v, str) and v]
    nip = lembar.pegawai["nip"]
    per = pd.DataFrame({"nip": [nip] * len(per), "aspek": [a for a, _ in per], "rating": [v for _, v in per],
                        "nilai": np.nan, "catatan": None})
    return PeriodeData(base.periode, base.pegawai, ind, per, base.penilaian, base.organisasi, base.config)


def hitung_usulan(lembar, realisasi=(), perilaku=(), scheme=None, cfg=None) -> dict:
    """The scheme's usulan (rating_hasil_kerja, rating_perilaku) for a sheet with the given new
    realisasi and perilaku applied (the values about to be saved)."""
    if scheme is None:
        from kinerja.schemes import permenpanrb_2022 as scheme
    cfg = cfg if cfg is not None else scheme.config()
    row = scheme.score(data_lembar(lembar, realisasi, perilaku, cfg), cfg).iloc[0]
    pk = row["usulan_perilaku"] if int(row.get("perilaku_dinilai", 1) or 0) else None
    return {"rating_hasil_kerja": row["usulan_hasil_kerja"], "rating_perilaku": pk}


_FINAL = (("rating_hasil_kerja", "hasil kerja"), ("rating_perilaku", "perilaku kerja"))


def cek_override(lembar, versi: int, realisasi=(), perilaku=(), penilaian: dict | None = None, scheme=None,
                 cfg=None) -> dict | None:
    """The override rule after the save, whatever the save holds: the final ratings the sheet will
    have (those given, else those stored) that differ from the usulan recomputed from the data it
    will have need an ``alasan`` (given, else stored). A save of realisasi or perilaku alone that
    turns a stored final rating into an override is refused, with what to do.

    Returns the usulan (for the store, which checks saves of the ratings again under its write lock)
    or None when no final rating is left without a reason (then the usulan is not needed). The
    decision is :func:`kinerja.store.lembar.cek_alasan`'s, the one rule for every writer."""
    from kinerja.domain import labels
    from kinerja.store.lembar import cek_alasan

    pen = penilaian or {}
    after = {c: (pen[c] if c in pen else lembar.penilaian.get(c)) or None
             for c in ("rating_hasil_kerja", "rating_perilaku", "alasan")}
    if not any(after[c] for c, _ in _FINAL) or (after["alasan"] or "").strip():
        return None
    usulan = hitung_usulan(lembar, realisasi, perilaku, scheme, cfg)
    if versi != lembar.versi:  # a stale save: the store refuses it (with who saved), nothing to check here
        return usulan
    try:
        cek_alasan(after, usulan)
    except ValidationErrors:
        tersimpan = [(c, nama) for c, nama in _FINAL if after[c] and c not in pen]
        if not tersimpan:
            raise
        rincian = []
        for c, nama in tersimpan:
            u, f = usulan.get(c), after[c]
            if u and labels.rating_code(u) != labels.rating_code(f):
                rincian.append(f"usulan rating {nama} menjadi {labels.RATING_LABEL[labels.rating_code(u)]}, "
                               f"sedangkan rating akhir yang tersimpan {labels.RATING_LABEL[labels.rating_code(f)]}")
        if not rincian:
            raise
        raise ValidationErrors([InputError(
            "Belum disimpan: dengan isian ini " + "; ".join(rincian) + ", dan belum ada alasan. Tuliskan alasan "
            "rating akhir, atau tetapkan rating akhir sesuai usulan, lalu simpan lagi.", column="alasan")]) from None
    return usulan


def simpan_penilaian(store, penilai: str, nip: str, periode, versi: int, *, realisasi=None, perilaku=None,
                     penilaian: dict | None = None, oleh: str | None = None, scheme=None, cfg=None) -> int:
    """Save one bawahan's sheet (see the module doc); returns the new ``versi``.

    ``realisasi``: rows ``{rhk_id, iki_id, realisasi[, bukti, umpan_balik]}`` (realisasi as typed:
    text or number); ``perilaku``: rows ``{aspek, rating[, catatan]}``; ``penilaian``: any of
    ``{rating_hasil_kerja, rating_perilaku, alasan, catatan}``. Only the fields given are written.
    ``oleh``: the person saving, for the audit (default: ``penilai``).
    """
    lb = store.lembar(penilai, nip, periode)  # scope check; the data the usulan is computed from
    # a stale versi is refused by the store (with who saved and when), under its write lock
    targets = {(r.rhk_id, r.iki_id): r.target for r in lb.indikator.itertuples()}
    rows, errs = [], []
    for r in realisasi or []:
        r = dict(r)
        try:
            r["realisasi"] = baca_realisasi(r.get("realisasi"), targets.get((r.get("rhk_id"), r.get("iki_id"))))
        except InputError as exc:
            exc.column = f"realisasi {r.get('rhk_id')}/{r.get('iki_id')}"
            errs.append(exc)
        rows.append(r)
    if errs:
        raise ValidationErrors(errs)
    perilaku = [dict(r) for r in (perilaku or [])]
    usulan = cek_override(lb, int(versi), rows, perilaku, penilaian, scheme, cfg)
    return store.simpan(penilai, nip, lb.periode, int(versi), realisasi=rows, perilaku=perilaku,
                        penilaian=penilaian, usulan=usulan, oleh=oleh or penilai)


__all__ = ["simpan_penilaian", "hitung_usulan", "data_lembar", "cek_override", "baca_realisasi"]
