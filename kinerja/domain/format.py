"""The one family of Indonesian number and date formatters (babel, locale ``id_ID``).

Every number a user reads (reports, explanations, the form, teaching apps, the CLI) goes through
these functions: decimal comma, thousands dot (``1234.5 -> "1.234,5"``), dates as
``"31 Desember 2026"``.

The empty value: a missing number (None, NaN, pandas NA) is shown as :data:`KOSONG`, the ASCII
hyphen-minus ``"-"``: one character that survives every output (terminal, CSV, PDF fonts, screen
readers read it as "strip"), and the sign Indonesian forms use for "tidak ada". Inputs that echo a
number back into an editable field are not display and keep their own empty string.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

import numpy as np

LOCALE = "id_ID"
KOSONG = "-"  # THE empty value of every formatter below


def kosong(value) -> bool:
    """True for None, NaN and pandas NA (what the formatters show as :data:`KOSONG`)."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False


@lru_cache(maxsize=8192)
def _pattern(value: float, min_digits: int, max_digits: int) -> str:
    from babel.numbers import format_decimal

    frac = "0" * min_digits + "#" * (max_digits - min_digits)
    return format_decimal(value, format="#,##0" + ("." + frac if frac else ""), locale=LOCALE)


def angka(value, digits: int = 2) -> str:
    """A number with at most ``digits`` decimals, trailing zeros dropped: ``1234.5 -> "1.234,5"``,
    ``2.49 -> "2,49"``, ``12.0 -> "12"``; missing -> :data:`KOSONG`; a non-number as text."""
    return _angka(value, 0, digits)


def angka_tetap(value, digits: int = 2) -> str:
    """A number with exactly ``digits`` decimals (slider readouts, aligned tables): ``12 -> "12,00"``."""
    return _angka(value, digits, digits)


def _angka(value, min_digits: int, max_digits: int) -> str:
    if kosong(value):
        return KOSONG
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    return _pattern(round(v, max_digits) + 0.0, min_digits, max_digits)


def persen(value, digits: int = 1) -> str:
    """A value already in percent: ``87.5 -> "87,5%"``; missing -> :data:`KOSONG`."""
    s = angka(value, digits)
    return s if s == KOSONG else s + "%"


def persen_pecahan(value, digits: int = 1) -> str:
    """A fraction as percent: ``0.7 -> "70%"``; missing -> :data:`KOSONG`."""
    return KOSONG if kosong(value) else persen(float(value) * 100.0, digits)


def nilai(value) -> str:
    """Any value of an explanation step or table cell: floats via :func:`angka` (2 decimals), bools as
    ``ya``/``tidak``, lists joined by commas, missing as :data:`KOSONG`; ints and text unchanged
    (years and NIPs are ints and take no thousands dot)."""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (list, tuple)):
        return ", ".join(nilai(x) for x in value)
    if kosong(value):
        return KOSONG
    if isinstance(value, float):
        return angka(value, 2)
    if isinstance(value, np.floating):
        return angka(float(value), 2)
    if isinstance(value, np.integer):
        return str(int(value))
    return str(value)


def tanggal(value=None, fmt: str = "long") -> str:
    """An Indonesian date, ``"31 Desember 2026"`` (default today); ``fmt`` another babel pattern."""
    from babel.dates import format_date

    return format_date(value or _dt.date.today(), format="d MMMM y" if fmt == "long" else fmt, locale=LOCALE)
