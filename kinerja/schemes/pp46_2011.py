"""PP 46/2011 with Perka BKN 1/2013: the legacy numeric scheme (still taught).

Rules (``shared/reference/RULES.md`` section 2), as kinerja reads them:

* A **kegiatan** is one RHK (``rhk_id``) of the pegawai's SKP; its **aspek** (kuantitas, kualitas,
  waktu, biaya) are its indikator rows (``aspek`` column). The target is ``target_periode`` (the
  annual target pro-rated by :mod:`kinerja.dataset.frames` for a shorter periode). An indikator row without
  a positive target is not counted ("an aspect with no target is not counted").
* A missing realisasi counts as 0 and is counted in the column ``indikator_tanpa_realisasi``. When
  none of a pegawai's indikator has a realisasi (a periode not reported yet), ``belum_ada_realisasi``
  is True and the nilai are empty ("belum ada realisasi"), never computed from a fake zero.
* When a kegiatan has several indikator rows of the same aspek, their nilai aspek are **averaged
  first**, so every aspek weighs the same in the nilai kegiatan (kinerja's choice; the regulation
  assumes one row per aspek).
* ``nilai_kegiatan`` = mean of the aspek used; ``nilai_capaian_skp`` = mean nilai kegiatan +
  ``nilai_tugas_tambahan`` + ``nilai_kreativitas`` (optional columns of ``penilaian``; their point
  values are unverified, so they are inputs, not rules).
* ``nilai_perilaku``: the PP 46/2011 aspects in ``data.perilaku`` with a numeric ``nilai``; the mean
  is over 6 aspects for pejabat struktural (``labels.JABATAN_STRUKTURAL``) and over 5 otherwise
  (kepemimpinan is dropped even when filled in). An aspect that was not filled in is not counted
  (the mean is over the applicable aspects present; ``jumlah_aspek_perilaku`` shows how many).
  When a pegawai has no numeric PP 46 aspect, the BerAKHLAK rows are used instead: each row's
  ``nilai`` when present, else its rating mapped by ``[nilai_rating_perilaku]`` of
  ``config/pp46_2011.toml``. ``sumber_perilaku`` says which was used; ``explain`` says so too.
* ``nilai`` = nilai prestasi kerja = 60% nilai capaian SKP + 40% nilai perilaku; ``predikat`` = its
  kategori. A pegawai without kegiatan or without perilaku has ``nilai`` NaN and ``predikat`` missing
  (NaN in the frame; pandas string columns hold no None).
* Kategori bands. The source (PP 46/2011 penjelasan; Perka BKN 1/2013) writes them on whole numbers:
  "91 - 100 Sangat Baik, 76 - 90 Baik, 61 - 75 Cukup, 51 - 60 Kurang, 50 ke bawah Buruk". A nilai
  prestasi kerja has decimals and falls between those ranges (90,6). kinerja reads each band's
  upper end as inclusive and the next band as starting right above it: Sangat Baik above 90, Baik
  above 75 up to 90, Cukup above 60 up to 75, Kurang above 50 up to 60, Buruk 50 and below. So
  90,0 is Baik and 90,6 is Sangat Baik; on whole numbers this is exactly the source's table. This
  is the one reading: :func:`kategori`, :func:`teks_sebutan` (the text the explanation, the teaching
  apps and the exercises show) and the exercises are built from :data:`KATEGORI_BATAS`.

Waktu/biaya formula (Perka BKN 1/2013): efisiensi = 100 - (R/T x 100); if efisiensi <= 24 the nilai
is ((1.76T - R)/T) x 100, else 76 - ((((1.76T - R)/T) x 100) - 100). The second branch simplifies to
R/T x 100, so the nilai rises to 100 at R = 0.76T, then drops to 76 just below it (a finish much
faster than planned means the plan was loose). Check values, verified against the formula:
R = T -> efisiensi 0 -> 76; R = 0.76T -> efisiensi 24 (<= 24) -> 100; R = 0.5T -> efisiensi 50 (> 24)
-> 76 - (126 - 100) = 50. Above 1.76T the nilai is negative; kinerja keeps the formula as written.
Efisiensi is compared with 24 after rounding off float noise (``_EPS``), so R = 0.76T exactly gives
100 however T is written.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from kinerja.domain import labels
from kinerja.domain.config import load_config as _load_named_config
from kinerja.domain.format import angka as _angka
from kinerja.schemes.explain import Explanation

NAME = SCHEME = "pp46-2011"
LABEL = "PP 46/2011"
CONFIG_NAME = "pp46_2011"
SUMBER = "PP 46/2011; Perka BKN 1/2013"

# --- Regulation numbers (each appears once) -------------------------------------------------
# Perka BKN 1/2013, Lampiran (perhitungan aspek waktu dan biaya).
FAKTOR_EFISIENSI = 1.76        # the 1.76 in ((1.76T - R)/T) x 100
BATAS_EFISIENSI = 24.0         # efisiensi <= 24 -> first formula, > 24 -> second
NILAI_EFISIENSI_TINGGI = 76.0  # the 76 in 76 - ((((1.76T - R)/T) x 100) - 100)
# PP 46/2011 (penilaian prestasi kerja = unsur SKP 60% + unsur perilaku kerja 40%).
BOBOT_SKP = 0.60
BOBOT_PERILAKU = 0.40
# PP 46/2011 penjelasan / Perka BKN 1/2013: Sangat Baik 91 ke atas, Baik 76-90, Cukup 61-75,
# Kurang 51-60, Buruk 50 ke bawah; read as strict lower bounds (> 90, > 75, > 60, > 50), see above.
KATEGORI_BATAS = ((90.0, "Sangat Baik"), (75.0, "Baik"), (60.0, "Cukup"), (50.0, "Kurang"))
KATEGORI_TERENDAH = "Buruk"
KATEGORI = tuple(n for _, n in KATEGORI_BATAS) + (KATEGORI_TERENDAH,)
def teks_sebutan(pemisah: str = "; ") -> str:
    """The kategori bands in words, from :data:`KATEGORI_BATAS` (the one reading, see the module doc):
    "Sangat Baik: di atas 90 (91 ke atas); Baik: di atas 75 sampai 90 (76-90); ...; Buruk: 50 ke bawah"."""
    parts, atas = [], None
    for batas, nama in KATEGORI_BATAS:
        bulat = f"{_angka(batas + 1)} ke atas" if atas is None else f"{_angka(batas + 1)}-{_angka(atas)}"
        rentang = f"di atas {_angka(batas)}" + ("" if atas is None else f" sampai {_angka(atas)}")
        parts.append(f"{nama}: {rentang} ({bulat})")
        atas = batas
    parts.append(f"{KATEGORI_TERENDAH}: {_angka(atas)} ke bawah")
    return pemisah.join(parts)


def teks_bobot() -> str:
    """ "60% x nilai capaian SKP + 40% x nilai perilaku", from :data:`BOBOT_SKP` and :data:`BOBOT_PERILAKU`."""
    return f"{_angka(BOBOT_SKP * 100)}% x nilai capaian SKP + {_angka(BOBOT_PERILAKU * 100)}% x nilai perilaku"


# PP 46/2011 Pasal 12: kepemimpinan only for pejabat struktural.
ASPEK_KEPEMIMPINAN = "kepemimpinan"

ASPEK_HASIL = labels.ASPEK  # kuantitas, kualitas, waktu, biaya
_ASPEK_RASIO = ("kuantitas", "kualitas")
_ASPEK_EFISIENSI = ("waktu", "biaya")
_EPS = 1e-9  # float noise allowed around efisiensi = 24 (R = 0.76T written as a decimal)

SUMBER_PERILAKU_PP46 = "PP 46/2011"
SUMBER_PERILAKU_BERAKHLAK = "BerAKHLAK (pengganti)"
SUMBER_PERILAKU_KOSONG = "tidak ada"


# --- Regulation primitives -----------------------------------------------------------------
def efisiensi(target: float, realisasi: float) -> float:
    """efisiensi = 100 - (R/T x 100) (Perka BKN 1/2013), in percent."""
    return 100.0 - (realisasi / target * 100.0)


def nilai_aspek(aspek: str, target: float, realisasi: float) -> float:
    """Nilai of one aspek of a kegiatan (0-100 scale; may exceed 100 for kuantitas/kualitas).

    kuantitas, kualitas: R/T x 100. waktu, biaya: the efisiensi formula (see module docstring).
    """
    a = str(aspek).strip().lower()
    t = float(target)
    r = float(realisasi)
    if not t > 0:
        raise ValueError(f"target aspek {a} harus lebih dari 0 (diberikan {target})")
    if a in _ASPEK_RASIO:
        return r / t * 100.0
    if a in _ASPEK_EFISIENSI:
        base = (FAKTOR_EFISIENSI * t - r) / t * 100.0
        if efisiensi(t, r) <= BATAS_EFISIENSI + _EPS:
            return base
        return NILAI_EFISIENSI_TINGGI - (base - 100.0)
    raise ValueError(f"aspek '{aspek}' tidak dikenal; gunakan kuantitas, kualitas, waktu atau biaya")


def nilai_aspek_array(aspek, target, realisasi) -> np.ndarray:
    """Vectorised :func:`nilai_aspek`. NaN for an unknown aspek or a target that is not > 0."""
    return _nilai_aspek_codes(_aspek_codes(aspek), target, realisasi)


def _aspek_codes(aspek) -> np.ndarray:
    """0..3 for kuantitas, kualitas, waktu, biaya (labels.ASPEK order); -1 for anything else."""
    return pd.Categorical(np.asarray(aspek, dtype=object), categories=list(ASPEK_HASIL)).codes.astype(np.int64)


def _nilai_aspek_codes(acode: np.ndarray, target, realisasi) -> np.ndarray:
    t = np.asarray(target, dtype=float)
    r = np.asarray(realisasi, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rasio = r / t * 100.0
        base = (FAKTOR_EFISIENSI * t - r) / t * 100.0
        eff = 100.0 - rasio
        waktu = np.where(eff <= BATAS_EFISIENSI + _EPS, base, NILAI_EFISIENSI_TINGGI - (base - 100.0))
    is_rasio = (acode == ASPEK_HASIL.index("kuantitas")) | (acode == ASPEK_HASIL.index("kualitas"))
    is_eff = (acode == ASPEK_HASIL.index("waktu")) | (acode == ASPEK_HASIL.index("biaya"))
    out = np.where(is_rasio, rasio, np.where(is_eff, waktu, np.nan))
    out[~(t > 0)] = np.nan
    return out


def nilai_kegiatan(nilai_per_aspek: Mapping[str, float] | Iterable[float]) -> float:
    """Sum of the aspek scores / number of aspek used."""
    vals = list(nilai_per_aspek.values()) if isinstance(nilai_per_aspek, Mapping) else list(nilai_per_aspek)
    return sum(vals) / len(vals) if vals else math.nan


def nilai_capaian_skp(nilai_kegiatan: Iterable[float], nilai_tugas_tambahan: float = 0.0,
                      nilai_kreativitas: float = 0.0) -> float:
    """Mean nilai kegiatan plus the optional tugas tambahan and kreativitas points."""
    vals = list(nilai_kegiatan)
    if not vals:
        return math.nan
    return sum(vals) / len(vals) + _num0(nilai_tugas_tambahan) + _num0(nilai_kreativitas)


def nilai_perilaku(nilai_per_aspek: Mapping[str, float], struktural: bool) -> float:
    """Mean of the PP 46/2011 perilaku aspects: 6 for struktural, 5 otherwise (no kepemimpinan).

    Keys are aspect codes or labels (``orientasi_pelayanan`` / ``Orientasi Pelayanan`` ...). An
    aspect not given is not counted; NaN when none applies.
    """
    vals = []
    for k, v in nilai_per_aspek.items():
        code = labels.aspek_perilaku_code(k)
        if code not in labels.PERILAKU_PP46:
            raise ValueError(f"'{k}' bukan aspek perilaku PP 46/2011")
        if code == ASPEK_KEPEMIMPINAN and not struktural:
            continue
        if v is not None and not _isnan(v):
            vals.append(float(v))
    return sum(vals) / len(vals) if vals else math.nan


def nilai_prestasi_kerja(nilai_skp: float, nilai_perilaku: float) -> float:
    """60% nilai capaian SKP + 40% nilai perilaku kerja."""
    return BOBOT_SKP * nilai_skp + BOBOT_PERILAKU * nilai_perilaku


def kategori(nilai: float) -> str | None:
    """Sangat Baik (> 90), Baik (> 75), Cukup (> 60), Kurang (> 50), else Buruk (:func:`teks_sebutan`).
    None for NaN."""
    if nilai is None or _isnan(nilai):
        return None
    for batas, nama in KATEGORI_BATAS:
        if nilai > batas:
            return nama
    return KATEGORI_TERENDAH


def kategori_array(nilai) -> np.ndarray:
    """Vectorised :func:`kategori` (object array; None for NaN)."""
    v = np.asarray(nilai, dtype=float)
    conds = [v > b for b, _ in KATEGORI_BATAS] + [~np.isnan(v)]
    return np.select(conds, [n for _, n in KATEGORI_BATAS] + [KATEGORI_TERENDAH], default=None).astype(object)


# --- helpers --------------------------------------------------------------------------------
def _isnan(v) -> bool:
    try:
        return math.isnan(float(v))
    except (TypeError, ValueError):
        return False


def _num0(v) -> float:
    return 0.0 if v is None or _isnan(v) else float(v)


def load_config(path=None, workspace=None) -> dict:
    """``config/pp46_2011.toml`` overlaid by ``WORKSPACE/pp46_2011.toml`` and then ``path``."""
    return _load_named_config(CONFIG_NAME, workspace, path)


def _load_config(config: dict | None) -> dict:
    return load_config() if config is None else config


def map_unique(values: pd.Series, fn) -> np.ndarray:
    """Apply ``fn`` to each distinct value (None when it raises ValueError); fast on big columns."""
    codes, uniq = pd.factorize(values)
    out = []
    for u in uniq:
        try:
            out.append(fn(u))
        except ValueError:
            out.append(None)
    return np.array(out + [None], dtype=object)[codes]


def isin_fast(values, allowed) -> np.ndarray:
    """``np.isin`` for object columns (None-safe, hash based): factorize once, look up the uniques."""
    codes, uniq = pd.factorize(np.asarray(values, dtype=object))
    ok = set(allowed)
    return np.array([u in ok for u in uniq] + [False], dtype=bool)[codes]


def _safe_rating(v):
    return labels.rating_code(v)


def perilaku_normal(perilaku: pd.DataFrame) -> pd.DataFrame:
    """perilaku rows with normalised ``aspek_code``, ``rating_code`` and float ``nilai_num``."""
    p = perilaku
    n = len(p)
    aspek = map_unique(p["aspek"], labels.aspek_perilaku_code) if "aspek" in p else np.full(n, None, object)
    rating = map_unique(p["rating"], _safe_rating) if "rating" in p else np.full(n, None, object)
    nilai = pd.to_numeric(p["nilai"], errors="coerce").to_numpy(float) if "nilai" in p else np.full(n, np.nan)
    return pd.DataFrame({"nip": p["nip"].to_numpy() if "nip" in p else np.full(n, None, object),
                         "aspek_code": aspek, "rating_code": rating, "nilai_num": nilai})


def rating_values(rating_code: np.ndarray, mapping: Mapping[str, float]) -> np.ndarray:
    """Map rating codes to numbers; NaN for missing or unmapped."""
    m = {labels.rating_code(k): float(v) for k, v in mapping.items()}
    codes, uniq = pd.factorize(pd.Series(rating_code, dtype=object))
    lut = np.array([m.get(u, np.nan) for u in uniq] + [np.nan], dtype=float)
    return lut[codes]


def _pegawai_col(peg: pd.DataFrame, name: str) -> np.ndarray:
    if name in peg.columns:
        return peg[name].to_numpy()
    if name == "nip":
        return peg.index.to_numpy()
    return np.full(len(peg), None, dtype=object)


def _struktural(peg: pd.DataFrame) -> np.ndarray:
    jj = pd.Series(_pegawai_col(peg, "jenis_jabatan"), dtype=object).astype(str).str.strip().str.lower()
    return jj.isin(labels.JABATAN_STRUKTURAL).to_numpy()


def _mean_by(codes: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    s = np.bincount(codes, weights=values, minlength=n)
    c = np.bincount(codes, minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(c > 0, s / c, np.nan), c


# --- vectorised scoring ---------------------------------------------------------------------
def _perilaku_vec(data, cfg: dict, struktural: np.ndarray, nips: pd.Index):
    n = len(nips)
    p = perilaku_normal(data.perilaku)
    pcode = nips.get_indexer(p["nip"]) if len(p) else np.zeros(0, dtype=np.intp)
    ok = pcode >= 0
    a = p["aspek_code"].to_numpy()
    v = p["nilai_num"].to_numpy()
    # PP 46 aspects with a numeric nilai; kepemimpinan only for struktural.
    is46 = ok & isin_fast(a, labels.PERILAKU_PP46) & ~np.isnan(v)
    is46 &= ~((a == ASPEK_KEPEMIMPINAN) & ~struktural[np.where(ok, pcode, 0)])
    m46, c46 = _mean_by(pcode[is46], v[is46], n)
    # BerAKHLAK fallback: nilai when present, else the rating mapped by config.
    vb = np.where(np.isnan(v), rating_values(p["rating_code"].to_numpy(), cfg["nilai_rating_perilaku"]), v)
    isb = ok & isin_fast(a, labels.BERAKHLAK) & ~np.isnan(vb)
    mb, cb = _mean_by(pcode[isb], vb[isb], n)
    use46 = c46 > 0
    nilai = np.where(use46, m46, mb)
    jumlah = np.where(use46, c46, cb)
    sumber = np.where(use46, SUMBER_PERILAKU_PP46, np.where(cb > 0, SUMBER_PERILAKU_BERAKHLAK,
                                                                    SUMBER_PERILAKU_KOSONG)).astype(object)
    return nilai, jumlah, sumber


def _bonus(data, nips: pd.Index, col: str) -> np.ndarray:
    pen = data.penilaian
    if col not in pen.columns or len(pen) == 0:
        return np.zeros(len(nips))
    key = pen["nip"] if "nip" in pen.columns else pen.index.to_series()
    s = pd.Series(pd.to_numeric(pen[col], errors="coerce").to_numpy(float), index=key.to_numpy())
    s = s[~s.index.duplicated(keep="last")]
    return s.reindex(nips).fillna(0.0).to_numpy(float)


def score(data, config: dict | None = None) -> pd.DataFrame:
    """Nilai prestasi kerja PP 46/2011 for every pegawai of ``data`` (one row each)."""
    cfg = _load_config(config)
    peg = data.pegawai
    nips = pd.Index(_pegawai_col(peg, "nip"))
    n = len(nips)
    struktural = _struktural(peg)

    ind = data.indikator
    pcode = nips.get_indexer(ind["nip"])
    t = pd.to_numeric(ind["target_periode"], errors="coerce").to_numpy(float)
    acode = _aspek_codes(ind["aspek"].to_numpy(dtype=object))
    used = (pcode >= 0) & (t > 0) & (acode >= 0)
    pcode = pcode[used]
    t = t[used]
    acode = acode[used]
    r = pd.to_numeric(ind["realisasi"], errors="coerce").to_numpy(float)[used]
    tanpa = np.isnan(r)
    r = np.where(tanpa, 0.0, r)
    na = _nilai_aspek_codes(acode, t, r)

    # kegiatan = (pegawai, rhk_id); aspek code 0..3 within it.
    rcode, runiq = pd.factorize(ind["rhk_id"].to_numpy(dtype=object)[used])
    kkey = pcode.astype(np.int64) * (len(runiq) + 1) + rcode
    kcode, kuniq = pd.factorize(kkey)
    nk = len(kuniq)
    ka = kcode.astype(np.int64) * len(ASPEK_HASIL) + acode
    m_ka, c_ka = _mean_by(ka, na, nk * len(ASPEK_HASIL))
    present = c_ka > 0
    keg_of_ka = np.arange(nk * len(ASPEK_HASIL)) // len(ASPEK_HASIL)
    nilai_keg, _ = _mean_by(keg_of_ka[present], m_ka[present], nk)
    peg_of_keg = (np.asarray(kuniq, dtype=np.int64) // (len(runiq) + 1)).astype(np.intp)
    rata_keg, jumlah_keg = _mean_by(peg_of_keg, nilai_keg, n)
    jumlah_ind = np.bincount(pcode, minlength=n)
    jumlah_tanpa = np.bincount(pcode, weights=tanpa.astype(float), minlength=n).astype(np.int64)
    belum = (jumlah_ind > 0) & (jumlah_tanpa == jumlah_ind)  # nothing reported yet: no fake zero
    rata_keg = np.where(belum, np.nan, rata_keg)

    tt = _bonus(data, nips, "nilai_tugas_tambahan")
    kr = _bonus(data, nips, "nilai_kreativitas")
    skp = rata_keg + tt + kr

    perilaku, jumlah_per, sumber_per = _perilaku_vec(data, cfg, struktural, nips)
    prestasi = BOBOT_SKP * skp + BOBOT_PERILAKU * perilaku

    out = pd.DataFrame({
        "nip": nips.to_numpy(),
        "nama": _pegawai_col(peg, "nama"),
        "unit": _pegawai_col(peg, "unit"),
        "struktural": struktural,
        "jumlah_kegiatan": jumlah_keg.astype(np.int64),
        "jumlah_indikator": jumlah_ind.astype(np.int64),
        "indikator_tanpa_realisasi": jumlah_tanpa,
        "belum_ada_realisasi": belum,
        "rata_nilai_kegiatan": rata_keg,
        "nilai_tugas_tambahan": tt,
        "nilai_kreativitas": kr,
        "nilai_capaian_skp": skp,
        "kategori_skp": kategori_array(skp),
        "sumber_perilaku": sumber_per,
        "jumlah_aspek_perilaku": jumlah_per.astype(np.int64),
        "nilai_perilaku": perilaku,
        "kategori_perilaku": kategori_array(perilaku),
        "nilai_prestasi_kerja": prestasi,
        "nilai": prestasi,
        "predikat": kategori_array(prestasi),
    })
    return out


# --- explanation ----------------------------------------------------------------------------
# The formulas in words, built from the constants above (explain, teaching apps and exercises use these).
RUMUS_RASIO = "nilai = realisasi / target x 100"
RUMUS_EFISIENSI = "efisiensi = 100 - (realisasi / target x 100)"
RUMUS_NILAI_RENDAH = f"nilai = (({_angka(FAKTOR_EFISIENSI)} x target - realisasi) / target) x 100"
RUMUS_NILAI_TINGGI = (f"nilai = {_angka(NILAI_EFISIENSI_TINGGI)} - (((({_angka(FAKTOR_EFISIENSI)} x target - realisasi) "
                      "/ target) x 100) - 100)")
RUMUS_EFISIENSI_RENDAH = f"efisiensi <= {_angka(BATAS_EFISIENSI)}%: {RUMUS_NILAI_RENDAH}"
RUMUS_EFISIENSI_TINGGI = f"efisiensi > {_angka(BATAS_EFISIENSI)}%: {RUMUS_NILAI_TINGGI}"


def explain(data, nip, config: dict | None = None) -> Explanation:
    """The steps behind one pegawai's PP 46/2011 result; the numbers equal :func:`score`'s."""
    cfg = _load_config(config)
    peg = data.pegawai
    nips = pd.Index(_pegawai_col(peg, "nip"))
    i = nips.get_loc(nip)
    struktural = bool(_struktural(peg)[i])
    ex = Explanation(SCHEME, str(nip), str(data.periode))

    ind = data.indikator[data.indikator["nip"] == nip]
    rows_per_kegiatan: dict[str, list] = {}
    for row in ind.itertuples(index=False):
        t = pd.to_numeric(row.target_periode, errors="coerce")
        if (t > 0) and row.aspek in ASPEK_HASIL:
            rows_per_kegiatan.setdefault(row.rhk_id, []).append(row)
    tanpa = 0
    nilai_keg = []
    for rhk_id, rows in rows_per_kegiatan.items():
        per_aspek: dict[str, list[float]] = {}
        for row in rows:
            t = float(row.target_periode)
            r = pd.to_numeric(row.realisasi, errors="coerce")
            kosong = bool(pd.isna(r))
            tanpa += kosong
            r = 0.0 if kosong else float(r)
            inputs = {"target": t, "realisasi": r}
            if kosong:
                inputs["catatan"] = "realisasi belum diisi, dihitung 0"
            if row.aspek in _ASPEK_RASIO:
                rumus = RUMUS_RASIO
            else:
                eff = efisiensi(t, r)
                inputs["efisiensi"] = eff
                rumus = RUMUS_EFISIENSI_RENDAH if eff <= BATAS_EFISIENSI + _EPS else RUMUS_EFISIENSI_TINGGI
            nilai = ex.add(f"Nilai aspek {row.aspek} - {row.indikator} ({rhk_id})", rumus, inputs,
                           nilai_aspek(row.aspek, t, r), "Perka BKN 1/2013, Lampiran",
                           key=f"nilai_aspek:{rhk_id}:{row.iki_id}")
            per_aspek.setdefault(row.aspek, []).append(nilai)
        rata_aspek = {}
        for a in ASPEK_HASIL:
            if a not in per_aspek:
                continue
            vals = per_aspek[a]
            if len(vals) > 1:
                rata_aspek[a] = ex.add(f"Rata-rata {len(vals)} indikator aspek {a} ({rhk_id})",
                                       "nilai aspek = jumlah nilai indikator / banyak indikator",
                                       {f"indikator {j}": v for j, v in enumerate(vals, 1)},
                                       sum(vals) / len(vals), "pilihan kinerja: satu nilai per aspek",
                                       key=f"rata_aspek:{rhk_id}:{a}")
            else:
                rata_aspek[a] = vals[0]
        nilai_keg.append(ex.add(f"Nilai kegiatan {rhk_id}",
                                "nilai kegiatan = jumlah nilai aspek / banyak aspek yang dipakai",
                                dict(rata_aspek), nilai_kegiatan(rata_aspek), SUMBER,
                                key=f"nilai_kegiatan:{rhk_id}"))

    belum = bool(nilai_keg) and tanpa == sum(len(v) for v in rows_per_kegiatan.values())
    rata = sum(nilai_keg) / len(nilai_keg) if nilai_keg and not belum else math.nan
    ex.add("Rata-rata nilai kegiatan", "belum ada realisasi: nilai belum dihitung (bukan dianggap 0)" if belum
           else "rata-rata = jumlah nilai kegiatan / banyak kegiatan",
           {"banyak kegiatan": len(nilai_keg), "indikator tanpa realisasi": tanpa}, rata, SUMBER,
           key="rata_nilai_kegiatan")
    tt = float(_bonus(data, nips[i:i + 1], "nilai_tugas_tambahan")[0])
    kr = float(_bonus(data, nips[i:i + 1], "nilai_kreativitas")[0])
    skp = ex.add("Nilai capaian SKP", "nilai capaian SKP = rata-rata nilai kegiatan + tugas tambahan + kreativitas",
                 {"rata-rata nilai kegiatan": rata, "tugas tambahan": tt, "kreativitas": kr},
                 nilai_capaian_skp([] if belum else nilai_keg, tt, kr), SUMBER, key="nilai_capaian_skp")

    p = perilaku_normal(data.perilaku[data.perilaku["nip"] == nip]) if len(data.perilaku) else perilaku_normal(data.perilaku)
    pp46 = {}
    for row in p.itertuples(index=False):
        if row.aspek_code in labels.PERILAKU_PP46 and not _isnan(row.nilai_num):
            if row.aspek_code == ASPEK_KEPEMIMPINAN and not struktural:
                continue
            pp46[row.aspek_code] = row.nilai_num
    if pp46:
        inputs = {labels.PERILAKU_PP46[k]: v for k, v in pp46.items()}
        banyak = "6 aspek (pejabat struktural)" if struktural else "5 aspek (bukan struktural; kepemimpinan tidak dihitung)"
        per = ex.add("Nilai perilaku kerja", f"nilai perilaku = rata-rata {banyak}", inputs,
                     nilai_perilaku(pp46, struktural), "PP 46/2011 Pasal 12", key="nilai_perilaku")
    else:
        mapping = {labels.rating_code(k): float(v) for k, v in cfg["nilai_rating_perilaku"].items()}
        inputs = {}
        for row in p.itertuples(index=False):
            if row.aspek_code not in labels.BERAKHLAK:
                continue
            v = row.nilai_num if not _isnan(row.nilai_num) else mapping.get(row.rating_code, math.nan)
            if not _isnan(v):
                inputs[labels.BERAKHLAK_LABEL[row.aspek_code]] = v
        ex.add("Sumber nilai perilaku",
               "tidak ada nilai angka aspek perilaku PP 46/2011; dipakai nilai BerAKHLAK (angka bila ada, "
               "selain itu rating dikonversi: " + ", ".join(f"{labels.RATING_LABEL[k]} = {v:g}" for k, v in mapping.items()) + ")",
               {}, SUMBER_PERILAKU_BERAKHLAK if inputs else SUMBER_PERILAKU_KOSONG, "pilihan kinerja (config/pp46_2011.toml)",
               key="sumber_perilaku")
        per = ex.add("Nilai perilaku kerja", "nilai perilaku = rata-rata nilai BerAKHLAK", inputs,
                     sum(inputs.values()) / len(inputs) if inputs else math.nan,
                     "pilihan kinerja (config/pp46_2011.toml)", key="nilai_perilaku")

    prestasi = ex.add("Nilai prestasi kerja", f"nilai prestasi kerja = {teks_bobot()}",
                      {"nilai capaian SKP": skp, "nilai perilaku": per}, nilai_prestasi_kerja(skp, per),
                      "PP 46/2011", key="nilai_prestasi_kerja")
    ex.add("Sebutan (predikat)", teks_sebutan(),
           {"nilai prestasi kerja": prestasi}, kategori(prestasi), SUMBER, key="predikat")
    return ex
