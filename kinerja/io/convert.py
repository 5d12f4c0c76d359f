"""Column converters: the raw string values of a column -> typed values and Indonesian messages.

A converter works on the *unique* non-empty stripped values of a column (see ``validate._check_column``).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from kinerja.domain import labels
from kinerja.domain import schema
from kinerja.domain.angka import baca_kolom, teks_angka
from kinerja.domain.nip import nip_problems
from kinerja.domain.periode import normalise_periode


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).strip().lower()).strip("_")


# A converter takes the non-empty, stripped unique values of a column (a str Series with a
# RangeIndex) and its Column, and returns (values, errors): two sequences of the same length;
# errors holds an Indonesian message for each bad value, None for good ones.
Converter = Callable[[pd.Series, schema.Column], tuple[Iterable, Iterable]]

_NIP_SCI = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE]\+?\d+$")


def _conv_text(u: pd.Series, col: schema.Column):
    return u.to_numpy(dtype=object), [None] * len(u)


def _conv_nip(u: pd.Series, col: schema.Column):
    sci = u.str.fullmatch(_NIP_SCI.pattern).to_numpy(dtype=bool)
    n = u.str.replace(r"\.0+$", "", regex=True).str.replace(r"[\s.\-]", "", regex=True)
    probs = nip_problems(n).to_numpy(dtype=object).copy()
    urut0 = (n.str.fullmatch(r"\d{15}000").to_numpy(dtype=bool)) & pd.isna(probs)
    for i in np.flatnonzero(sci | urut0):
        if sci[i]:
            probs[i] = (f"NIP '{u.iat[i]}' tersimpan sebagai angka sehingga digit di belakang digit ke-15 "
                        "hilang; simpan NIP sebagai teks (format sel Teks, atau awali dengan tanda petik ')")
        else:
            probs[i] = (f"NIP '{u.iat[i]}': nomor urut 000 tidak mungkin; kemungkinan NIP tersimpan sebagai "
                        "angka di Excel sehingga 3 digit terakhir hilang. Simpan NIP sebagai teks")
    vals = n.to_numpy(dtype=object).copy()
    vals[~pd.isna(probs)] = np.nan
    return vals, probs


def _ambiguous_message(v: str, alasan: str | None = None) -> str:
    digits = v.replace(" ", "")
    ribuan = re.sub(r"[.,]", "", digits)
    desimal = digits.replace(".", ",").rstrip("0").rstrip(",")
    alasan = alasan or "nilai lain di kolom ini tidak menunjukkan cara penulisan mana yang dipakai"
    return (f"nilai '{v}' bisa berarti {ribuan} ('{v[-4]}' sebagai pemisah ribuan) atau {desimal} (sebagai tanda "
            f"desimal), dan {alasan}; tulis {ribuan} atau {desimal} agar tidak terbaca 1000 kali lipat")


def _conv_num(u: pd.Series, col: schema.Column, angka: np.ndarray | None = None):
    """Numbers, the ambiguous ones decided per column (:func:`kinerja.domain.angka.baca_kolom`).

    Returns ``(values, errors, warnings)``: a warning for each ambiguous value the column decided.
    ``angka``: True where the unique value came from a real number (see :data:`NUMBER_CONVERTERS`)."""
    res = baca_kolom(u, angka)
    vals, undecided = res.values, res.undecided
    errs = np.full(len(u), None, dtype=object)
    bad = np.isnan(vals)
    for i in np.flatnonzero(bad):
        errs[i] = f"nilai '{u.iat[i]}' bukan angka"
    for i in np.flatnonzero(undecided):
        errs[i] = _ambiguous_message(u.iat[i], res.ragu)
    if col.positive:
        for i in np.flatnonzero(~bad & (vals <= 0)):
            errs[i] = f"nilai '{u.iat[i]}' harus lebih besar dari 0"
    elif col.nonnegative:
        for i in np.flatnonzero(~bad & (vals < 0)):
            errs[i] = f"nilai '{u.iat[i]}' tidak boleh negatif"
    bad_any = ~pd.isna(errs)
    vals[bad_any] = np.nan
    warns = res.dibaca.copy()
    warns[bad_any] = None
    return vals, errs, warns


def _conv_tahun(u: pd.Series, col: schema.Column):
    t = u.str.replace(r"\.0+$", "", regex=True)
    ok = t.str.fullmatch(r"\d{4}").to_numpy(dtype=bool).copy()
    vals = np.full(len(u), np.nan)
    vals[ok] = t[ok].astype("int64").to_numpy()
    ok &= (vals >= 1900) & (vals <= 2999)
    vals[~ok] = np.nan
    errs = np.full(len(u), None, dtype=object)
    for i in np.flatnonzero(~ok):
        errs[i] = f"tahun '{u.iat[i]}' tidak valid; tulis empat angka, misalnya 2026"
    return vals, errs


def _per_value(fn: Callable[[str], str]) -> Converter:
    """A converter that calls ``fn`` on each unique value; ``fn`` raises ValueError with the message."""

    def conv(u: pd.Series, col: schema.Column):
        vals, errs = [], []
        for v in u:
            try:
                vals.append(fn(v))
                errs.append(None)
            except ValueError as exc:  # PeriodeError is a ValueError
                vals.append(np.nan)
                errs.append(str(exc))
        return vals, errs

    return conv


def _conv_enum(u: pd.Series, col: schema.Column):
    table = {_key(c): c for c in col.choices}
    keys = u.map(_key)
    vals = keys.map(table).to_numpy(dtype=object)
    errs = np.full(len(u), None, dtype=object)
    for i in np.flatnonzero(pd.isna(vals)):
        errs[i] = f"nilai '{u.iat[i]}' tidak dikenal; pilih salah satu dari: {', '.join(col.choices)}"
    return vals, errs


KINDS: dict[str, Converter] = {
    "text": _conv_text,
    "nip": _conv_nip,
    "num": _conv_num,
    "tahun": _conv_tahun,
    "periode": _per_value(normalise_periode),
    "enum": _conv_enum,
    "rating": _per_value(labels.rating_code),
    "predikat": _per_value(labels.predikat_label),
    "capaian": _per_value(labels.capaian_organisasi_label),
}
"""Converters by ``Column.kind``. Add an entry to support a new kind."""

COLUMN_CONVERTERS: dict[tuple[str, str], Converter] = {
    ("perilaku", "aspek"): _per_value(labels.aspek_perilaku_code),
}
"""Converters for one (file, column) that override its kind's converter."""

CACHED = {_conv_nip}
"""Converters whose result depends only on the value (not the Column): results are reused across
columns and files within one validation, since the same NIPs appear in every file."""

NUMBER_CONVERTERS = {_conv_num}
"""Converters that take ``angka=`` (a bool per unique value: it came from a real number, an Excel
number cell or a stored value, which carries no writing convention) and return
``(values, errors, warnings)``; every other converter returns ``(values, errors)``."""

SEL_ANGKA = "sel_angka"
"""``df.attrs[SEL_ANGKA]`` of a raw frame read from a sheet: {column name (normalised header): bool per
row, True where the cell held a real number}, for number columns holding any. A real number carries no writing
convention, so it is never evidence for deciding ``2.400`` (:func:`kinerja.domain.angka.baca_kolom`).
Rows with a negative index (a store's rows merged under an import's file) count as real numbers too."""


XLSX_CR = "_x000D_"
"""How a carriage return inside a text is stored in XLSX (OOXML's escape; an XML parser would turn a raw
CR into a newline). kinerja's export writes it, reading turns it back."""


def _unambiguous(text: str) -> str:
    """A number's repr that cannot be mistaken for Indonesian thousands: ``2.125`` -> ``2.1250``."""
    return teks_angka(float(text))


def _cell_str(v) -> str:
    """A raw cell value (from Excel or a form) as the string a CSV would hold."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v.replace(XLSX_CR, "\r") if XLSX_CR in v else v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        if v != v:
            return ""
        return teks_angka(v)
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if v.time() == _dt.time() else v.isoformat(sep=" ")
    if isinstance(v, _dt.date):
        return v.isoformat()
    if v is pd.NA or v is pd.NaT:
        return ""
    return str(v)

