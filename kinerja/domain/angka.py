"""Numbers as Indonesian offices write them: the one parser every reader of numbers uses (workspace
files, the evaluator form, the services).

Unambiguous forms are read the same everywhere: ``87,5`` and ``87.5`` -> 87.5; ``1.250.000`` ->
1250000; ``1.250,5`` -> 1250.5; ``1,250.5`` -> 1250.5; a leading ``Rp`` and a trailing ``%`` are
ignored.

A value with ONE separator followed by exactly three digits (``2.400``, ``1,250``) is ambiguous: a
thousands mark or a decimal mark, and the two readings differ 1000x. It is decided with context:

* in a file, per column from all its *text* values (:func:`baca_kolom`): a column that also holds
  Indonesian forms (``87,5``, ``1.250.000``) reads ``2.400`` as 2400 and ``1,250`` as 1,25; one that
  holds English forms (``87.5``, ``1,250,000``) reads ``2.400`` as 2,4; a column whose other values
  are whole numbers reads it as thousands (``2.400`` among ``12``, ``600`` is 2400). Every value
  decided this way gets a warning naming the reading and why (:attr:`KolomAngka.dibaca`). A column
  whose text values give no evidence, or both kinds, leaves the value undecided: an error;
* a real number (an Excel cell holding a number, a value already stored in the database) carries no
  writing convention at all: it is read exactly and is never evidence (``angka`` mask). A text
  ``2.400`` whose column holds no deciding text but real numbers is read without context, the
  Indonesian way (dot = thousands, comma = decimal mark, as :func:`baca_angka` without a target),
  with a warning;
* in the form, against the indikator's target (:func:`baca_angka`): ``2.530`` against a target of
  2.400 is 2530, the reading nearer the target.

Real numbers are written as text with :func:`teks_angka`, which never produces an ambiguous form
(2.125 -> ``2.1250``), so writing a number and reading it back is exact.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

_NUM_DOT_THOUSANDS = r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?"     # 1.250.000 / 1.250,5
_NUM_COMMA_THOUSANDS = r"[+-]?\d{1,3}(?:,\d{3})+\.\d+|[+-]?\d{1,3}(?:,\d{3}){2,}"  # 1,250.5 / 1,250,000
_NUM_DECIMAL_COMMA = r"[+-]?\d*,\d+"                           # 87,5

_AMBIGUOUS = r"[+-]?[1-9]\d{0,2}[.,]\d{3}"                     # 2.400 / 1,250: thousands or decimal?
_INDONESIAN = r"[+-]?\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|[+-]?\d{1,3}\.\d{3},\d+|[+-]?(?:\d{4,}|0|)?,\d+|[+-]?\d{1,3},(?:\d{1,2}|\d{4,})"
_ENGLISH = r"[+-]?\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|[+-]?\d{1,3},\d{3}\.\d+|[+-]?(?:\d{4,}|0|)?\.\d+|[+-]?\d{1,3}\.(?:\d{1,2}|\d{4,})"
_INTEGER = r"[+-]?\d+"
_PLAIN = re.compile(r"[+-]?\d+(?:[.,]\d+)?")                    # 12 / 87,5 / 2.5 (one mark)


def _clean(u: pd.Series) -> pd.Series:
    t = u.astype(str).str.replace(r"[\s\u00a0]", "", regex=True)
    return t.str.replace(r"^[Rr][Pp]\.?", "", regex=True).str.replace(r"%$", "", regex=True)


def parse_numbers(u: pd.Series) -> np.ndarray:
    """Parse number strings value by value; NaN where a value is not a number.

    An ambiguous ``2.400`` / ``1,250`` is read with a single separator as the decimal mark (2.4 / 1.25):
    use :func:`parse_number_column` (files) or :func:`baca_angka` (the form) to decide it with context.
    """
    t = _clean(u)
    out = pd.to_numeric(t, errors="coerce").to_numpy(dtype="float64", na_value=np.nan).copy()
    rest = np.flatnonzero(np.isnan(out))
    if len(rest):
        r = t.iloc[rest]
        fixed = pd.Series(np.nan, index=r.index, dtype=object)
        m = r.str.fullmatch(_NUM_DOT_THOUSANDS)
        fixed[m] = r[m].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        m2 = r.str.fullmatch(_NUM_COMMA_THOUSANDS) & ~m
        fixed[m2] = r[m2].str.replace(",", "", regex=False)
        m3 = r.str.fullmatch(_NUM_DECIMAL_COMMA) & ~m & ~m2
        fixed[m3] = r[m3].str.replace(",", ".", regex=False)
        out[rest] = pd.to_numeric(fixed, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    out[~np.isfinite(out)] = np.nan
    return out


def _as_thousands(t: pd.Series) -> np.ndarray:
    return pd.to_numeric(t.str.replace(r"[.,]", "", regex=True), errors="coerce").to_numpy(dtype="float64")


def _as_decimal(t: pd.Series) -> np.ndarray:
    return pd.to_numeric(t.str.replace(",", ".", regex=False), errors="coerce").to_numpy(dtype="float64")


@dataclass
class KolomAngka:
    """The numbers of one column (:func:`baca_kolom`), position by position."""

    values: np.ndarray
    """float64, NaN where a value is not a number."""
    undecided: np.ndarray
    """bool: ambiguous values the column cannot decide (value = the decimal reading; an error)."""
    dibaca: np.ndarray
    """object: for an ambiguous value the column decided, an Indonesian warning saying how it was
    read and why (``'2.400' dibaca sebagai 2400 ...``); None elsewhere."""
    ragu: str | None = None
    """Why the undecided values could not be decided (Indonesian), when there are any."""


def _format_id(t: str, ribuan: bool) -> str:
    """An ambiguous text's two readings, written unambiguously the Indonesian way: 2400 / 2,4."""
    if ribuan:
        return re.sub(r"[.,]", "", t)
    return t.replace(".", ",").rstrip("0").rstrip(",")


def _pesan_dibaca(raw: str, t: str, ribuan: bool, alasan: str) -> str:
    mark = "titik" if "." in t else "koma"
    dibaca, lain = _format_id(t, ribuan), _format_id(t, not ribuan)
    peran = "pemisah ribuan" if ribuan else "tanda desimal"
    return (f"'{raw}' dibaca sebagai {dibaca} ({mark} sebagai {peran}), bukan {lain}, karena {alasan}; "
            f"tulis {_format_id(t, True)} atau {_format_id(t, False)} agar tidak ragu")


def baca_kolom(u: pd.Series, angka: np.ndarray | None = None) -> KolomAngka:
    """Read the values of ONE column (str Series), deciding ambiguous values from the whole column.

    ``angka``: optional bool array, True where the value came from a real number (an Excel number
    cell, a value stored in the database): read exactly, never evidence. See the module docstring.
    """
    out = parse_numbers(u)
    n = len(u)
    undecided = np.zeros(n, dtype=bool)
    dibaca = np.full(n, None, dtype=object)
    res = KolomAngka(out, undecided, dibaca)
    if not n:
        return res
    # cheap pre-filter: an ambiguous value has '.' or ',' 4th from its (stripped) end
    u4 = u.str.strip().str.replace(r"%$", "", regex=True) if u.str.contains("%", regex=False).any() else u.str.strip()
    cand = u4.str.slice(-4, -3).isin([".", ","]).to_numpy(dtype=bool)
    teks = np.ones(n, dtype=bool) if angka is None else ~np.asarray(angka, dtype=bool)
    if not (cand & teks).any():
        return res
    has_sep = u.str.contains(r"[.,]", regex=True).to_numpy(dtype=bool)
    t = _clean(u[has_sep])
    amb = t.str.fullmatch(_AMBIGUOUS).to_numpy(dtype=bool) & teks[has_sep]
    if not amb.any():
        return res
    others = t[~amb & teks[has_sep]]
    ind = others.str.fullmatch(_INDONESIAN).to_numpy(dtype=bool)
    eng = others.str.fullmatch(_ENGLISH).to_numpy(dtype=bool)
    indonesian, english = bool(ind.any()), bool(eng.any())
    whole = u[~has_sep & teks].pipe(_clean)
    whole = whole[whole.str.fullmatch(_INTEGER).to_numpy(dtype=bool)]
    pos = np.flatnonzero(has_sep)[amb]
    ta = t[amb]
    dot = ta.str.contains(".", regex=False).to_numpy(dtype=bool)
    if indonesian and not english:          # 2.400 = 2400, 1,250 = 1.25
        ribuan = dot
        alasan = (f"nilai lain di kolom ini ditulis cara Indonesia (mis. '{others[ind].iat[0]}': koma sebagai "
                  "tanda desimal, titik sebagai pemisah ribuan)")
    elif english and not indonesian:        # 2.400 = 2.4, 1,250 = 1250
        ribuan = ~dot
        alasan = (f"nilai lain di kolom ini ditulis cara Inggris (mis. '{others[eng].iat[0]}': titik sebagai "
                  "tanda desimal, koma sebagai pemisah ribuan)")
    elif not indonesian and not english and len(whole):   # 2.400 among whole numbers = 2400
        ribuan = np.ones(len(ta), dtype=bool)
        alasan = f"nilai lain di kolom ini bilangan bulat tanpa pemisah (mis. '{whole.iat[0]}')"
    elif not indonesian and not english and not teks.all():  # only real numbers besides: no context
        ribuan = dot
        alasan = ("tidak ada nilai teks lain di kolom ini yang menunjukkan cara penulisannya (sel berformat "
                  "angka tidak menunjukkannya), sehingga dibaca cara Indonesia")
    else:
        undecided[pos] = True
        res.ragu = (f"kolom ini memuat kedua cara penulisan (mis. '{others[ind].iat[0]}' dan '{others[eng].iat[0]}')"
                    if indonesian and english else
                    "nilai lain di kolom ini tidak menunjukkan cara penulisan mana yang dipakai")
        return res
    out[pos] = np.where(ribuan, _as_thousands(ta), _as_decimal(ta))
    raw = u.to_numpy(dtype=object)
    for i, p in enumerate(pos):
        dibaca[p] = _pesan_dibaca(str(raw[p]).strip(), ta.iat[i], bool(ribuan[i]), alasan)
    return res


def parse_number_column(u: pd.Series, angka: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Parse the values of ONE column, deciding ambiguous values from the whole column.

    Returns ``(values, undecided)`` of :func:`baca_kolom` (which also gives the warnings).
    """
    res = baca_kolom(u, angka)
    return res.values, res.undecided


_AMBIGUOUS_REPR = re.compile(r"-?[1-9]\d{0,2}\.\d{3}")


def teks_angka(x: float) -> str:
    """A real number as text that every reader reads back exactly and that is never ambiguous:
    ``95.0`` -> ``95``, ``87.5`` -> ``87.5``, ``2.125`` -> ``2.1250`` (never ``2.125``, which a
    column of Indonesian numbers would read as 2125)."""
    x = float(x)
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    text = repr(x)
    return text + "0" if _AMBIGUOUS_REPR.fullmatch(text) else text


def baca_angka(teks, target: float | None = None) -> float:
    """One typed number (the form): NaN when it is not a number.

    An ambiguous ``2.530`` / ``1,250`` is read as the reading nearer ``target`` (ratio, so 2.530
    against a target of 2.400 is 2530, and 0,125 against 0,1 stays 0.125); without a target it is
    read as Indonesian writing: a dot groups thousands, a comma is the decimal mark.
    """
    if teks is None:
        return math.nan
    if isinstance(teks, (int, float, np.integer, np.floating)) and not isinstance(teks, bool):
        return float(teks)
    raw = str(teks).strip()
    if _PLAIN.fullmatch(raw) and not re.fullmatch(_AMBIGUOUS, raw):  # the common forms, without pandas
        return float(raw.replace(",", "."))
    s = pd.Series([raw])
    t = _clean(s).iat[0]
    if not re.fullmatch(_AMBIGUOUS, t):
        return float(parse_numbers(s)[0])
    thousands = float(re.sub(r"[.,]", "", t))
    decimal = float(t.replace(",", "."))
    if target is not None and target == target and target > 0:
        near = min((thousands, decimal), key=lambda v: abs(math.log(abs(v) / target)) if v else math.inf)
        return near
    return thousands if "." in t else decimal


def is_ambiguous(teks) -> bool:
    """True when ``teks`` has one separator followed by exactly three digits (``2.400``, ``1,250``)."""
    return bool(re.fullmatch(_AMBIGUOUS, _clean(pd.Series([str(teks)])).iat[0]))
