"""360 questionnaires: what an evaluator may know about their bawahan's questionnaires.

Anonymity that survives differencing (issue 11 point 5): an evaluator sees a role's aggregate only
once HR has closed the periode's collection (:func:`tutup_pengumpulan_360`, audited, final: no answer
changes afterwards), and then only groups with at least ``privasi.min_penilai`` raters
(:func:`kinerja.schemes.multirater.agregasi_360`). Before the close the evaluator sees counts only, and
the counts are per bawahan in total (never per role or per rater), so they do not say who answered.
"""

from __future__ import annotations

import pandas as pd

from kinerja.domain.periode import normalise_periode
from kinerja.errors import AccessDenied
from kinerja.schemes.multirater import ringkasan_kelengkapan


def kelengkapan_bawahan(st, atasan: str, periode, nips=None) -> pd.DataFrame:
    """For an evaluator: per bawahan (``nips``, default: pegawai whose nip_atasan is ``atasan``)
    the number of questionnaires assigned, answered (sudah) and outstanding (belum), from the
    :class:`kinerja.store.store_360.Store360` ``st``. Counts only: the evaluator does not see which
    rekan or bawahan answered."""
    if nips is None:
        if st.pegawai is None:
            raise AccessDenied("daftar pegawai belum dimuat")
        nips = list(st.pegawai.loc[st.pegawai["nip_atasan"] == atasan, "nip"])
    kode = normalise_periode(periode)
    nips = list(nips)
    pen = st.penugasan(kode, nips=nips)
    pen = pen[pen["peran"] != "masyarakat"]
    r = ringkasan_kelengkapan(pen, st.jawaban(kode, nips=nips))
    r = pd.DataFrame({"nip": nips}).merge(r, on="nip", how="left").fillna(0)
    for c in ("ditugaskan", "sudah", "belum"):
        r[c] = r[c].astype(int)
    return st.dengan_nama(r)[["nip", "nama", "ditugaskan", "sudah", "belum", "persen"]]


def simpan_kuesioner(st, penilai: str, nip: str, periode, skor: dict, komentar: str | None = None,
                     versi: int | None = None) -> int:
    """Save one rater's 360 questionnaire about one pegawai: the one way every caller (the 360 app,
    scripts) saves answers. Enforced by :meth:`kinerja.store.store_360.Store360.simpan`: the rater
    reaches only the questionnaires assigned to them (AccessDenied), stale saves are refused
    (StaleEditError), answers are 1-5 (ValidationErrors), every change is audited with the rater as
    ``oleh``. A busy or read-only database raises :class:`kinerja.errors.SaveFailed` (Indonesian
    message), nothing written. Returns the new version."""
    from kinerja.store.lembar import gagal_simpan

    with gagal_simpan():
        return st.simpan(penilai, nip, periode, skor, komentar, versi=versi)


def tutup_pengumpulan_360(st, periode, oleh: str) -> dict:
    """HR closes the 360 collection of ``periode`` (audited in ``audit_360``; cannot be re-opened)."""
    if not oleh:
        raise AccessDenied("penutupan pengumpulan 360 perlu nama pengelola SDM yang menutup")
    return st.tutup(periode, oleh)


def hasil_360_boleh_dilihat(st, periode) -> bool:
    """May an evaluator see the aggregated 360 of ``periode``? Only after HR closed the collection."""
    return st.ditutup(periode) is not None


def keterangan_belum_ditutup(periode: str) -> str:
    return (f"Umpan balik 360 periode {periode} masih dikumpulkan. Hasilnya tampil setelah pengelola SDM "
            "menutup pengumpulan, agar jawaban setiap penilai tetap rahasia.")
