"""The form's input rules and number formats: pure functions, no widgets (tested without a kernel)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from kinerja.domain import format as fmt
from kinerja.domain import labels

STATUS_LABEL = {"belum": "Belum dinilai", "sebagian": "Sebagian", "selesai": "Selesai"}
RATING_PILIHAN = [("Di Bawah", "di_bawah"), ("Sesuai", "sesuai"), ("Di Atas", "di_atas")]
# "" (not None) for "not chosen": a Dropdown whose value is None shows an empty box instead of "— pilih —"
BELUM_DIPILIH = ""
FINAL_PILIHAN = [("— pilih —", BELUM_DIPILIH)] + [(v, k) for k, v in labels.RATING_LABEL.items()]

# ------------------------------------------------------------------ pure rules (tested without widgets)

def is_rupiah(satuan) -> bool:
    """True for an indikator counted in rupiah (shown with thousands dots: "118.311.000")."""
    s = str(satuan or "").strip().lower()
    return s in ("rp", "rp.") or "rupiah" in s


@lru_cache(maxsize=4096)
def _angka(teks, target) -> float:
    """:func:`kinerja.domain.angka.baca_angka`, remembered: the form reads every row's text on each
    change and each Simpan, and a thousands-dotted "2.544" takes the parser's slow path."""
    from kinerja.domain.angka import baca_angka

    return baca_angka(teks, target)


def baca_realisasi(teks, target=None) -> tuple[float | None, str | None]:
    """Parse a realisasi as typed: (value, None), (None, None) when empty, or (None, message).

    The one number reader (:func:`kinerja.domain.angka.baca_angka`), as the service saves it: "87,5",
    "1.250,5", "118.311.000" and "118311000"; an ambiguous "2.530" or "12.500" is read the way that
    lies near the indikator's ``target`` (2.530 against 2.400 is 2530)."""
    if teks is None or (isinstance(teks, str) and not teks.strip()):
        return None, None
    v = _angka(teks, target) if isinstance(teks, str) else _angka.__wrapped__(teks, target)
    if v != v or v in (float("inf"), float("-inf")):
        return None, "harus berupa angka"
    if v < 0:
        return None, "tidak boleh negatif"
    return v, None


def periksa(realisasi: dict, perilaku: dict, final_hk, final_pk, alasan: str, usulan_hk, usulan_pk,
            targets=None) -> dict:
    """All problems of a form before saving, as ``{field: message}`` (empty = can be saved).

    ``realisasi``: {(rhk_id, iki_id): text}; ``perilaku``: {aspek: (rating or None, catatan)}.
    Fields: ``("realisasi", rhk_id, iki_id)``, ``("perilaku", aspek)``, ``"rating_hasil_kerja"``,
    ``"rating_perilaku"``, ``"alasan"``.
    ``targets``: {(rhk_id, iki_id): target}, to read an ambiguous number (see :func:`baca_realisasi`).
    Rules: realisasi numeric and not negative (empty = not yet reported); a note on a value without
    a rating; final ratings go together, need every BerAKHLAK value rated, and a reason when they
    differ from the usulan.
    """
    err: dict = {}
    for (rhk, iki), teks in realisasi.items():
        _, msg = baca_realisasi(teks, (targets or {}).get((rhk, iki)))
        if msg:
            err[("realisasi", rhk, iki)] = f"Realisasi {msg}."
    for aspek, (rating, catatan) in perilaku.items():
        if not rating and catatan and str(catatan).strip():
            err[("perilaku", aspek)] = "Pilih rating untuk nilai ini (ada catatan tanpa rating)."
    if final_hk or final_pk:
        if not final_hk:
            err["rating_hasil_kerja"] = "Pilih rating hasil kerja akhir."
        if not final_pk:
            err["rating_perilaku"] = "Pilih rating perilaku kerja akhir."
        for aspek, (rating, _c) in perilaku.items():
            if not rating:
                err.setdefault(("perilaku", aspek), "Beri rating nilai ini sebelum menetapkan rating akhir.")
        beda = [n for n, f, u in (("hasil kerja", final_hk, usulan_hk), ("perilaku kerja", final_pk, usulan_pk))
                if f and u and f != u]
        if beda and not (alasan or "").strip():
            err["alasan"] = ("Tuliskan alasan: rating " + " dan ".join(beda)
                             + " akhir berbeda dari usulan.")
    return err


format_persen = fmt.persen  # the one family of formatters (kinerja.domain.format)


def teks_input(v, rupiah: bool = False) -> str:
    """A number as typed back into an input: decimal comma ("2544", "87,5"); for a ``rupiah``
    indikator whole amounts get thousands dots ("118.311.000"), which :func:`baca_realisasi` reads back."""
    if v is None or v != v:
        return ""
    v = float(v)
    if v.is_integer():
        return f"{int(v):,}".replace(",", ".") if rupiah else str(int(v))
    return repr(round(v, 6)).replace(".", ",")


format_angka = fmt.angka


def _str(v) -> str:
    """A text value for a widget: '' for None / NaN / NA."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    return str(v)


def _nama_field(k) -> str:
    if isinstance(k, tuple) and k[0] == "realisasi":
        return f"Realisasi {k[1]}/{k[2]}"
    if isinstance(k, tuple) and k[0] == "perilaku":
        return labels.BERAKHLAK_LABEL.get(k[1], k[1])
    return {"rating_hasil_kerja": "Rating hasil kerja akhir", "rating_perilaku": "Rating perilaku kerja akhir",
            "alasan": "Alasan"}.get(k, str(k))


def siklus_periode() -> tuple[str, str]:
    """The periods the form offers: the office's evaluation cycle (``KINERJA_SIKLUS``, set by
    ``kinerja serve --siklus``: bulanan, triwulan or semester; default triwulan) plus tahunan.
    Periods that already hold data are always offered too."""
    import os

    from kinerja.domain.periode import JENIS

    siklus = os.environ.get("KINERJA_SIKLUS", "triwulan").strip().lower()
    return (siklus if siklus in JENIS else "triwulan", "tahunan")
