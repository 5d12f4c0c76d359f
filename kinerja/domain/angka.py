"""Numbers as Indonesian offices write them: the one parser every reader of numbers uses (workspace
files, the evaluator form, the services)."""

from __future__ import annotations

import numpy as np
import pandas as pd

_NUM_DOT_THOUSANDS = r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?"     # 1.250.000 / 1.250,5
_NUM_COMMA_THOUSANDS = r"[+-]?\d{1,3}(?:,\d{3})+\.\d+|[+-]?\d{1,3}(?:,\d{3}){2,}"  # 1,250.5 / 1,250,000
_NUM_DECIMAL_COMMA = r"[+-]?\d*,\d+"                           # 87,5


def parse_numbers(u: pd.Series) -> np.ndarray:
    """Parse number strings as Indonesian users write them; NaN where a value is not a number.

    ``87,5`` and ``87.5`` -> 87.5; ``1.250.000`` -> 1250000; ``1.250,5`` -> 1250.5;
    ``1,250.5`` -> 1250.5. A single dot or comma is a decimal separator (``1.250`` -> 1.25).
    A leading ``Rp`` and a trailing ``%`` are ignored.
    """
    t = u.astype(str).str.replace(r"[\s\u00a0]", "", regex=True)
    t = t.str.replace(r"^[Rr][Pp]\.?", "", regex=True).str.replace(r"%$", "", regex=True)
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
