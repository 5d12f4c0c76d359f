"""The version of the data a report is made from (its *sidik*, fingerprint), for resuming a batch.

A report is up to date when its files exist and the manifest records the same sidik as the data has
now. The sidik of a pegawai's report hashes every row that mentions the pegawai (``nip`` column of
every workspace table: SKP, realisasi, perilaku, penilaian, 360...), the pegawai rows of the pegawai,
the Pejabat Penilai and their atasan (printed on the report), the unit's organisasi row, and the run's
settings (periode, scheme, formats, tempat, tanggal, the templates and the kinerja version). File
modification times are not used: opening a SQLite database touches ``kinerja.db-wal`` without
changing any data.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd


def _row_hashes(df: pd.DataFrame) -> np.ndarray:
    cols = sorted(df.columns)
    return pd.util.hash_pandas_object(df[cols].astype(str), index=False).to_numpy(dtype="uint64")


def _per_key(df: pd.DataFrame, key: str) -> dict:
    """key value -> an order-independent digest of the rows with that value (sum and xor of row hashes)."""
    if df is None or df.empty or key not in df.columns:
        return {}
    h = _row_hashes(df)
    keys = df[key].astype(str).to_numpy()
    g = pd.DataFrame({"k": keys, "h": h}).groupby("k", sort=False)["h"]
    with np.errstate(over="ignore"):
        s = g.sum()
    x = g.agg(lambda v: np.bitwise_xor.reduce(v.to_numpy()))
    n = g.size()
    return {k: f"{int(s[k]):x}.{int(x[k]):x}.{int(n[k])}" for k in s.index}


def _hash(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:32]


def _templates_digest() -> str:
    from kinerja import __version__
    from kinerja.report.render import TEMPLATE_DIR

    h = hashlib.sha256(__version__.encode())
    for f in sorted(Path(TEMPLATE_DIR).rglob("*")):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _config_digest(workspace, config) -> str:
    """Config files that change a report: the scheme config and the workspace's ``*.toml``."""
    h = hashlib.sha256()
    files = []
    if workspace and Path(workspace).is_dir():
        files += sorted(Path(workspace).glob("*.toml"))
    if config:
        files.append(Path(config))
    for f in files:
        try:
            h.update(f.name.encode())
            h.update(f.read_bytes())
        except OSError:
            pass
    return h.hexdigest()[:16]


def sidik(ws, settings: dict, workspace=None, config=None) -> tuple[dict, dict]:
    """(nip -> sidik, unit -> sidik) of every pegawai and unit of ``ws`` for a run with ``settings``."""
    # Plt./Plh. rows name how other pegawai's evaluator is shown: any change redoes every report
    garam = _hash(settings, _templates_digest(), _config_digest(workspace, config),
                  sorted(_per_key(ws["plt"], "nip").items()))
    rows: dict[str, list] = {}
    for name, df in sorted(ws.tables().items()):
        for k, v in _per_key(df, "nip").items():
            rows.setdefault(k, []).append((name, v))
    peg = ws.pegawai
    pegrow = _per_key(peg, "nip")
    org = _per_key(ws.organisasi, "unit")
    atasan = dict(zip(peg["nip"].astype(str), peg["nip_atasan"]))
    out = {}
    for nip, unit in zip(peg["nip"].astype(str), peg["unit"].astype(str)):
        a1 = atasan.get(nip)
        a1 = a1 if isinstance(a1, str) else None
        a2 = atasan.get(a1) if a1 else None
        a2 = a2 if isinstance(a2, str) else None
        out[nip] = _hash(garam, sorted(rows.get(nip, [])), pegrow.get(a1 or ""), pegrow.get(a2 or ""),
                         org.get(unit), unit)
    units = {}
    by_unit = pd.Series(list(out.values()), index=peg["unit"].astype(str).to_numpy())
    for unit, vals in by_unit.groupby(level=0):
        units[unit] = _hash(garam, "unit", unit, sorted(vals.tolist()), org.get(unit))
    return out, units
