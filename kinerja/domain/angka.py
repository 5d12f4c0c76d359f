"""Numbers as Indonesian offices write them: the one parser every reader of numbers uses (workspace
files, the evaluator form, the services).

Unambiguous forms are read the same everywhere: ``87,5`` and ``87.5`` -> 87.5; ``1.250.000`` ->
1250000; ``1.250,5`` -> 1250.5; ``1,250.5`` -> 1250.5; a leading ``Rp`` and a trailing ``%`` are
ignored.

A value with ONE separator followed by exactly three digits (``2.400``, ``1,250``) is ambiguous: a
thousands mark or a decimal mark, and the two readings differ 1000x. It is decided with context:

* in a file, per column from all its values (:func:`parse_number_column`): a column that also holds
  Indonesian forms (``87,5``, ``1.250.000``) reads ``2.400`` as 2400; one that holds English forms
  (``87.5``, ``1,250,000``) reads it as 2.4; a column whose other values are whole numbers reads it as
  thousands (``2.400`` among ``12``, ``600`` is 2400). A column with no evidence either way, or
  with both, leaves the value undecided and the reader reports the cell;
* in the form, against the indikator's target (:func:`baca_angka`): ``2.530`` against a target of
  2.400 is 2530, the reading nearer the target.
"""

from __future__ import annotations

import math
import re

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


def parse_number_column(u: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Parse the values of ONE column, deciding ambiguous values from the whole column.

    Returns ``(values, undecided)``: values as :func:`parse_numbers` (ambiguous ones decided when the
    column says how), and a boolean array marking ambiguous values the column cannot decide (their
    value is the decimal reading; the caller reports them). See the module docstring for the rule.
    """
    out = parse_numbers(u)
    undecided = np.zeros(len(u), dtype=bool)
    if not len(u):
        return out, undecided
    # cheap pre-filter: an ambiguous value has '.' or ',' 4th from its (stripped) end
    u4 = u.str.strip().str.replace(r"%$", "", regex=True) if u.str.contains("%", regex=False).any() else u.str.strip()
    cand = u4.str.slice(-4, -3).isin([".", ","]).to_numpy(dtype=bool)
    if not cand.any():
        return out, undecided
    has_sep = u.str.contains(r"[.,]", regex=True).to_numpy(dtype=bool)
    t = _clean(u[has_sep])
    amb = t.str.fullmatch(_AMBIGUOUS).to_numpy(dtype=bool)
    if not amb.any():
        return out, undecided
    others = t[~amb]
    indonesian = bool(others.str.fullmatch(_INDONESIAN).any())
    english = bool(others.str.fullmatch(_ENGLISH).any())
    integers_only = not indonesian and not english and bool(
        u[~has_sep].pipe(_clean).str.fullmatch(_INTEGER).any())
    pos = np.flatnonzero(has_sep)[amb]
    ta = t[amb]
    if indonesian and not english:          # 2.400 = 2400, 1,250 = 1.25
        dot = ta.str.contains(".", regex=False).to_numpy(dtype=bool)
        out[pos] = np.where(dot, _as_thousands(ta), _as_decimal(ta))
    elif english and not indonesian:        # 2.400 = 2.4, 1,250 = 1250
        comma = ta.str.contains(",", regex=False).to_numpy(dtype=bool)
        out[pos] = np.where(comma, _as_thousands(ta), _as_decimal(ta))
    elif integers_only:                     # 2.400 among whole numbers = 2400
        out[pos] = _as_thousands(ta)
    else:
        undecided[pos] = True
    return out, undecided


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
