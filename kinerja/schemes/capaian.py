"""Capaian indikator: the one formula every scheme, chart and teaching app uses.

capaian = R/T x 100% when higher is better (arah ``naik``), (2 - R/T) x 100% when lower is better
(arah ``turun``; PermenPANRB 6/2022 Lampiran, the capaian of a "semakin kecil semakin baik"
indikator), never below 0. Where a scheme counts a missing realisasi is the scheme's rule; this
function returns NaN for it.
"""

from __future__ import annotations

import numpy as np


def capaian_indikator(target, realisasi, arah) -> np.ndarray:
    """Vectorised capaian (%) of indikator: R/T x 100 (naik) or (2 - R/T) x 100 (turun), floored at 0.

    NaN where there is no realisasi.
    """
    t = np.asarray(target, dtype=float)
    r = np.asarray(realisasi, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = r / t
    turun = np.asarray(arah) == "turun"
    cap = np.where(turun, (2.0 - ratio) * 100.0, ratio * 100.0)
    return np.maximum(cap, 0.0)
