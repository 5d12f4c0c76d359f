"""Indeks Kepuasan Masyarakat (IKM), PermenPANRB 14/2017.

A survey has one row per respondent and nine answers ``u1`` .. ``u9`` (the nine unsur, see
:data:`UNSUR`), each on the scale 1-4. Then (``config/ikm.toml`` holds every number, with its source):

* NRR per unsur  = mean of the answers over respondents;
* IKM            = sum(NRR_i x bobot) x 25, with bobot = 1/9 (exact fraction by default; the
  rounded 0.111 of many worked examples is available with ``bobot=0.111``);
* mutu / kinerja = the band of the IKM (A Sangat Baik, B Baik, C Kurang Baik, D Tidak Baik).

Bad answers (blank, 0, 5, 2.5, text) are never dropped silently: :func:`hitung_ikm` raises
:class:`kinerja.errors.ValidationErrors` naming the row (Excel-style: header = 1) and the column.

Survey files (``ikm.csv``: unit, periode, responden, u1..u9) are read and validated by
:mod:`kinerja.io.files`; :func:`ikm_per_unit` and :func:`tren_ikm` compute the IKM per unit and periode.
An IKI with ``sumber = ikm`` in ``skp.csv`` takes its realisasi from the unit's IKM
(:func:`isi_realisasi_ikm`, used by :func:`kinerja.schemes.periode_data`).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from kinerja.domain.config import load_config
from kinerja.domain.format import angka_tetap
from kinerja.errors import InputError, ValidationErrors
from kinerja.domain.periode import parse_periode

# The nine unsur of the survey. Source: PermenPANRB 14/2017, Lampiran (ruang lingkup survei).
UNSUR = {
    "u1": "Persyaratan",
    "u2": "Sistem, Mekanisme, dan Prosedur",
    "u3": "Waktu Penyelesaian",
    "u4": "Biaya/Tarif",
    "u5": "Produk Spesifikasi Jenis Pelayanan",
    "u6": "Kompetensi Pelaksana",
    "u7": "Perilaku Pelaksana",
    "u8": "Penanganan Pengaduan, Saran dan Masukan",
    "u9": "Sarana dan Prasarana",
}
KOLOM_UNSUR = tuple(UNSUR)

MAX_ERRORS = 200


def config(workspace=None, path=None) -> dict:
    """The IKM settings (``kinerja/config/ikm.toml``, overridable per workspace)."""
    return load_config("ikm", workspace, path)


def bobot_unsur(bobot=None, cfg: dict | None = None) -> float:
    """The weight of one unsur: ``"1/9"`` (exact, default) or a number such as ``0.111``."""
    b = (cfg or config())["bobot"] if bobot is None else bobot
    if isinstance(b, str):
        return float(Fraction(b.strip()))
    return float(b)


def mutu_ikm(ikm: float, cfg: dict | None = None) -> tuple[str, str]:
    """(mutu, kinerja) of an IKM value, e.g. ``(\"A\", \"Sangat Baik\")``. NaN gives (None, None)."""
    if ikm is None or ikm != ikm:
        return None, None
    x = round(float(ikm), 2)
    bands = (cfg or config())["mutu"]
    for band in bands:
        if x >= band["batas_bawah"] - 1e-9:
            return band["mutu"], band["kinerja"]
    last = bands[-1]  # below the lowest band cannot happen on the 1-4 scale; keep the worst band
    return last["mutu"], last["kinerja"]


def _mutu_vec(ikm: pd.Series, cfg: dict) -> tuple[np.ndarray, np.ndarray]:
    x = ikm.round(2).to_numpy(dtype=float)
    mutu = np.full(len(x), None, dtype=object)
    kin = np.full(len(x), None, dtype=object)
    for band in reversed(cfg["mutu"]):  # worst first; better bands overwrite
        hit = ~np.isnan(x) & (x >= band["batas_bawah"] - 1e-9)
        mutu[hit], kin[hit] = band["mutu"], band["kinerja"]
    low = ~np.isnan(x) & pd.isna(mutu)
    mutu[low], kin[low] = cfg["mutu"][-1]["mutu"], cfg["mutu"][-1]["kinerja"]
    return mutu, kin


# ---------------------------------------------------------------------------------- validation

def periksa_jawaban(jawaban: pd.DataFrame, cfg: dict | None = None, *, file: str = "ikm.csv",
                    sheet: str | None = None, rows=None) -> tuple[pd.DataFrame, list[InputError]]:
    """Check the u1..u9 answers: each must be a whole number within the scale (1-4).

    Returns (answers as float frame, errors). ``rows``: the Excel row of each frame row (default:
    position + 2, i.e. the header is row 1).
    """
    cfg = cfg or config()
    lo, hi = cfg["skala_min"], cfg["skala_max"]
    errors: list[InputError] = []
    rows = np.arange(len(jawaban)) + 2 if rows is None else np.asarray(rows)
    cols = {str(c).strip().lower(): c for c in jawaban.columns}
    out = {}
    for u in KOLOM_UNSUR:
        if u not in cols:
            errors.append(InputError(f"kolom wajib '{u}' ({UNSUR[u]}) tidak ada di baris judul",
                                     file=file, sheet=sheet, row=1, column=u))
            continue
        raw = jawaban[cols[u]]
        text = pd.Series([_teks(v) for v in raw], index=raw.index, dtype=str)
        num = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
        ok = num.notna() & (num == num.round()) & (num >= lo) & (num <= hi)
        for pos in np.flatnonzero(~ok.to_numpy()):
            v = text.iat[pos]
            if v == "":
                msg = f"jawaban kosong; setiap responden harus menjawab unsur {u} ({UNSUR[u]}) dengan {lo}-{hi}"
            elif pd.isna(num.iat[pos]):
                msg = f"jawaban '{v}' bukan angka; isi dengan angka bulat {lo}-{hi}"
            else:
                msg = f"jawaban '{v}' di luar skala; isi dengan angka bulat {lo}-{hi}"
            errors.append(InputError(msg, file=file, sheet=sheet, row=int(rows[pos]), column=u))
        out[u] = num.where(ok).astype(float).to_numpy()
    errors.sort(key=lambda e: (e.row or 0, e.column or ""))
    return pd.DataFrame(out, index=jawaban.index), errors


def _teks(v) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _raise(errors: list[InputError]) -> None:
    if errors:
        raise ValidationErrors(errors[:MAX_ERRORS], truncated=len(errors) > MAX_ERRORS)


# ---------------------------------------------------------------------------------- computation

def hitung_ikm(jawaban: pd.DataFrame, bobot=None, cfg: dict | None = None, *, file: str = "ikm.csv",
               sheet: str | None = None) -> dict:
    """The IKM of one survey (one row per respondent, columns ``u1`` .. ``u9``, answers 1-4).

    Returns a dict: ``nrr`` (unsur -> NRR), ``nrr_tertimbang`` (unsur -> NRR x bobot), ``ikm`` (0-100,
    rounded to 2 decimals), ``mutu`` (A-D), ``kinerja`` (Sangat Baik .. Tidak Baik), ``responden``,
    ``bobot`` (the weight used), ``unsur_terlemah`` (code of the lowest NRR).
    Raises ValidationErrors (row and column of every bad answer) when any answer is bad.
    """
    cfg = cfg or config()
    vals, errors = periksa_jawaban(jawaban, cfg, file=file, sheet=sheet)
    if len(jawaban) == 0 and not errors:
        errors.append(InputError("survei belum berisi jawaban responden", file=file, sheet=sheet))
    _raise(errors)
    w = bobot_unsur(bobot, cfg)
    nrr = vals.mean(axis=0)
    ikm = float((nrr * w).sum() * cfg["konversi"])
    mutu, kinerja = mutu_ikm(ikm, cfg)
    return {
        "nrr": {u: round(float(nrr[u]), 4) for u in KOLOM_UNSUR},
        "nrr_tertimbang": {u: round(float(nrr[u] * w), 4) for u in KOLOM_UNSUR},
        "ikm": round(ikm, 2),
        "mutu": mutu,
        "kinerja": kinerja,
        "responden": int(len(vals)),
        "bobot": w,
        "unsur_terlemah": str(nrr.idxmin()),
    }


def ikm_per_unit(survei: pd.DataFrame, bobot=None, cfg: dict | None = None,
                 by: tuple[str, ...] = ("unit", "periode")) -> pd.DataFrame:
    """IKM per unit and periode of a survey frame (``ikm.csv``: unit, periode, responden, u1..u9).

    One row per group: the ``by`` columns, ``responden``, ``nrr_u1`` .. ``nrr_u9``, ``ikm``, ``mutu``,
    ``kinerja``, ``unsur_terlemah``. Answers are validated first (ValidationErrors on bad answers).
    """
    cfg = cfg or config()
    vals, errors = periksa_jawaban(survei, cfg)
    _raise(errors)
    by = list(by)
    df = pd.concat([survei[by].reset_index(drop=True), vals.reset_index(drop=True)], axis=1)
    g = df.groupby(by, sort=True)
    nrr = g[list(KOLOM_UNSUR)].mean()
    out = nrr.add_prefix("nrr_")
    out.insert(0, "responden", g.size())
    w = bobot_unsur(bobot, cfg)
    out["ikm"] = (nrr.sum(axis=1) * w * cfg["konversi"]).round(2)
    out["mutu"], out["kinerja"] = _mutu_vec(out["ikm"], cfg)
    out["unsur_terlemah"] = nrr.idxmin(axis=1) if len(nrr) else pd.Series(dtype=object)
    out = out.reset_index()
    if "periode" in out.columns and len(out):  # chronological, not alphabetical
        key = out["periode"].map(lambda p: parse_periode(p))
        out = out.assign(_k=key).sort_values([c for c in by if c != "periode"] + ["_k"]).drop(columns="_k")
    return out.reset_index(drop=True)


def ikm_periode(survei: pd.DataFrame, periode, bobot=None, cfg: dict | None = None) -> pd.DataFrame:
    """IKM per unit for one evaluation periode: the survey rows of that periode, or, when there are
    none for a unit, all its survey rows lying inside the periode pooled (e.g. the four triwulan
    surveys for the annual IKM). One row per unit (columns as :func:`ikm_per_unit`, ``periode`` = P).
    """
    p = parse_periode(periode)
    if survei is None or not len(survei):
        return ikm_per_unit(pd.DataFrame(columns=["unit", "periode", *KOLOM_UNSUR]), bobot, cfg, by=("unit",)) \
            .assign(periode=p.kode)
    per = survei["periode"].map(lambda x: parse_periode(x))
    exact = (per == p).to_numpy()
    inside = per.map(lambda x: p.memuat(x)).to_numpy(dtype=bool)
    units_exact = set(survei.loc[exact, "unit"])
    take = exact | (inside & ~survei["unit"].isin(units_exact).to_numpy())
    out = ikm_per_unit(survei[take], bobot, cfg, by=("unit",))
    out.insert(1, "periode", p.kode)
    return out


def tren_ikm(survei: pd.DataFrame, unit: str | None = None, bobot=None, cfg: dict | None = None) -> pd.DataFrame:
    """IKM per unit over its survey periode, in time order, with ``selisih`` (change from the
    previous periode of the same unit) and ``arah`` (naik / turun / tetap / '-')."""
    df = survei if unit is None else survei[survei["unit"] == unit]
    out = ikm_per_unit(df, bobot, cfg)
    out["selisih"] = out.groupby("unit")["ikm"].diff().round(2)
    out["arah"] = np.select([out["selisih"] > 0, out["selisih"] < 0, out["selisih"] == 0],
                            ["naik", "turun", "tetap"], "-")
    return out


def uraian_ikm(hasil: dict) -> str:
    """One Bahasa Indonesia paragraph describing a :func:`hitung_ikm` result."""
    u = hasil["unsur_terlemah"]
    ikm = angka_tetap(hasil["ikm"], 2)
    nrr = angka_tetap(hasil["nrr"][u], 2)
    return (f"IKM {ikm} dari {hasil['responden']} responden: mutu pelayanan {hasil['mutu']} "
            f"({hasil['kinerja']}). Unsur terlemah: {UNSUR[u]} (NRR {nrr}); prioritaskan perbaikan di unsur ini.")


# ---------------------------------------------------------------------------------- IKI from IKM

def isi_realisasi_ikm(indikator: pd.DataFrame, ws, periode) -> pd.DataFrame:
    """Fill the ``realisasi`` of IKI whose ``sumber`` is ``ikm`` with the IKM of the pegawai's unit.

    ``indikator``: rows with ``nip`` and ``sumber`` (the frame built by
    :func:`kinerja.schemes.periode_data`). The IKM is that of :func:`ikm_periode` for ``periode``.
    When the unit has no survey for the periode the realisasi entered by hand (if any) stays, and
    ``bukti`` says the IKM is missing. Returns a new frame.
    """
    mask = (indikator["sumber"] == "ikm").to_numpy() if "sumber" in indikator.columns else None
    if mask is None or not mask.any():
        return indikator
    try:
        survei = ws["ikm"]
    except (KeyError, TypeError):
        return indikator
    if survei is None or not len(survei):
        return indikator
    p = parse_periode(periode)
    tabel = ikm_periode(survei, p).set_index("unit")
    unit = indikator["nip"].map(ws.pegawai.drop_duplicates("nip").set_index("nip")["unit"])
    nilai = unit.map(tabel["ikm"])
    responden = unit.map(tabel["responden"])
    out = indikator.copy()
    has = mask & nilai.notna().to_numpy()
    out.loc[has, "realisasi"] = nilai[has].to_numpy()
    if "bukti" in out.columns:
        out["bukti"] = out["bukti"].astype(object)
        out.loc[has, "bukti"] = [f"IKM unit {u}, {p.label} ({int(n)} responden)"
                                 for u, n in zip(unit[has], responden[has])]
        missing = mask & ~has
        out.loc[missing, "bukti"] = f"IKM unit belum tersedia untuk {p.label}"
    return out


def apply_ikm_realisasi(ws, periode) -> pd.DataFrame:
    """The realisasi rows of ``periode`` with IKM-sourced IKI replaced by their unit's IKM.

    A convenience for callers that work on ``ws.realisasi`` directly; ``periode_data`` already
    applies the substitution. Returns a frame shaped like ``ws.realisasi`` (rows of that periode).
    """
    p = parse_periode(periode)
    skp = ws.skp[(ws.skp["periode"] == p.tahun) & (ws.skp["sumber"] == "ikm")]
    real = ws.realisasi[ws.realisasi["periode"] == p.kode]
    if skp.empty:
        return real.reset_index(drop=True)
    keys = ["nip", "rhk_id", "iki_id"]
    ikm_rows = skp[keys + ["sumber"]].merge(real, on=keys, how="left")
    ikm_rows["periode"] = p.kode
    filled = isi_realisasi_ikm(ikm_rows, ws, p).drop(columns=["sumber"])
    filled = filled[filled["realisasi"].notna()]
    rest = real.merge(skp[keys], on=keys, how="left", indicator=True)
    rest = rest[rest["_merge"] == "left_only"].drop(columns="_merge")
    return pd.concat([rest, filled[real.columns]], ignore_index=True)


# ---------------------------------------------------------------------------------- sample data

# Service-quality profile of the sample's units (mean answer per unsur before noise).
def sample_ikm(ws, seed: int = 2026, tahun: int | None = None, responden=(30, 60)) -> pd.DataFrame:
    """A synthetic IKM survey (``ikm.csv``) for every unit of ``ws``, one per triwulan of the year.

    Each unit has its own level and one weak unsur, and improves a little over the year, so the NRR
    chart has a clear weakest unsur and the trend moves. Answers are always whole numbers 1-4.
    """
    rng = np.random.default_rng(seed)
    tahun = tahun or int(ws.skp["periode"].max()) if len(ws.skp) else (tahun or 2026)
    units = list(dict.fromkeys(ws.pegawai["unit"]))
    frames = []
    for k, unit in enumerate(units):
        level = rng.uniform(2.9, 3.5)
        weak = rng.integers(0, 9)
        gain = rng.uniform(0.0, 0.12)
        for q in range(1, 5):
            n = int(rng.integers(responden[0], responden[1] + 1))
            mean = np.full(9, level + gain * (q - 1))
            mean[weak] -= 0.6
            z = mean[None, :] + rng.normal(0, 0.55, (n, 9))
            ans = np.clip(np.rint(z), 1, 4).astype(int)
            df = pd.DataFrame(ans, columns=list(KOLOM_UNSUR))
            df.insert(0, "responden", [f"R{k + 1:02d}{q}-{i + 1:03d}" for i in range(n)])
            df.insert(0, "periode", f"{tahun}-TW{q}")
            df.insert(0, "unit", unit)
            frames.append(df)
    return pd.concat(frames, ignore_index=True)
