"""A local KPI ("berbasis capaian") scheme, defined entirely by a TOML configuration file.

The shape follows PP 30/2019 Pasal 41 (``shared/reference/RULES.md`` section 3). Shipped configs:
``kpi_pp30_2019`` (70% hasil + 30% perilaku, the default) and ``kpi_360`` (60% + 40%). Keys:

``nama``                  the scheme's display name
``bobot_hasil``, ``bobot_perilaku``  weights, each 0-1, summing to 1
``batas_capaian``         cap on capaian per indikator (percent, > 0)
``bobot_default``         bobot for an indikator whose ``bobot`` is empty (>= 0)
``hanya_utama``           true: only Utama RHK count towards nilai hasil
``[nilai_rating_perilaku]``  di_atas / sesuai / di_bawah -> number, for BerAKHLAK rows without ``nilai``
``[[kategori]]``          bands best first, each ``nama`` and ``min``; strictly decreasing ``min``;
                          a nilai >= min gets that kategori (the last band should catch the rest)

Rules, as computed:

* capaian per indikator = :func:`kinerja.schemes.capaian.capaian_indikator` of ``target_periode`` and
  ``realisasi`` with the indikator's ``arah`` (empty ``arah``: turun for waktu/biaya, naik otherwise,
  as ``schema.py`` documents), then capped at ``batas_capaian`` (and floored at 0). An indikator
  without a positive target is not counted. A missing realisasi counts as capaian 0 (never as a
  reward for a turun indikator) and is counted in ``indikator_tanpa_realisasi``. When none of a
  pegawai's indikator has a realisasi (a periode not reported yet), ``belum_ada_realisasi`` is True
  and nilai hasil, nilai and predikat are empty: "belum ada realisasi", never a fake zero.
* nilai hasil = sum(bobot x capaian) / sum(bobot) over the pegawai's indikator (NaN when the bobot
  sum is 0 or there is no indikator).
* nilai perilaku = mean over the pegawai's BerAKHLAK rows of each row's numeric ``nilai`` when
  present, else its rating mapped by ``[nilai_rating_perilaku]``; rows with neither are skipped.
* nilai = nilai kinerja = bobot_hasil x nilai hasil + bobot_perilaku x nilai perilaku;
  ``predikat`` = the kategori band (None when nilai is NaN).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.domain import labels
from kinerja.schemes.capaian import capaian_indikator
from kinerja.errors import InputError
from kinerja.schemes.explain import Explanation
from kinerja.schemes.pp46_2011 import _mean_by, _pegawai_col, isin_fast, perilaku_normal, rating_values

NAME = SCHEME = "kpi"
LABEL = "KPI"
DEFAULT_CONFIG = "kpi_pp30_2019"
SUMBER = "PP 30/2019 Pasal 41; konfigurasi KPI instansi"
_ASPEK_TURUN_BAWAAN = ("waktu", "biaya")  # schema.py: empty arah = turun for waktu/biaya
_TOL = 1e-9


# --- configuration ---------------------------------------------------------------------------
def load_config(path: str | Path | None = None, workspace: str | Path | None = None) -> dict:
    """Load and validate a KPI config.

    ``path``: a shipped name (``kpi_pp30_2019``, ``kpi_360``) or a TOML file holding a whole KPI
    definition. Without ``path``: the default ``kpi_pp30_2019``, overlaid (key by key, as every
    config) by ``WORKSPACE/kpi_pp30_2019.toml`` when the workspace has one.
    Raises :class:`kinerja.errors.InputError` (file = the config file, column = the key) when the
    file cannot be read or a value is wrong.
    """
    if path is None:
        cfg = _read_toml(DEFAULT_CONFIG)
        over = Path(workspace) / f"{DEFAULT_CONFIG}.toml" if workspace else None
        if over is not None and over.is_file():
            extra = _read_toml(over)
            for k, v in extra.items():
                cfg[k] = {**cfg[k], **v} if isinstance(v, Mapping) and isinstance(cfg.get(k), Mapping) else v
            cfg["_sumber"] = extra["_sumber"]
        return validate_config(cfg, cfg["_sumber"])
    cfg = _read_toml(path)
    return validate_config(cfg, cfg["_sumber"])


def _read_toml(path_or_name: str | Path) -> dict:
    from kinerja.domain.config import CONFIG_DIR

    p = Path(path_or_name)
    if p.suffix.lower() != ".toml" and not p.is_file():
        p = CONFIG_DIR / f"{path_or_name}.toml"
    if not p.is_file():
        raise InputError(f"berkas konfigurasi KPI '{path_or_name}' tidak ditemukan", file=str(p))
    try:
        with open(p, "rb") as fh:
            cfg = tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"berkas konfigurasi KPI tidak dapat dibaca (format TOML salah): {e}", file=str(p)) from e
    cfg["_sumber"] = str(p)
    return cfg


def validate_config(cfg: Mapping, file: str | None = None) -> dict:
    """Check a KPI config; return it (as a dict) or raise InputError naming the file and key."""
    file = file or cfg.get("_sumber") or "<konfigurasi KPI>"

    def err(key, msg):
        return InputError(msg, file=file, column=key)

    def number(key, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
            raise err(key, f"nilai '{key}' harus berupa angka (diberikan {value!r})")
        return float(value)

    for key in ("bobot_hasil", "bobot_perilaku", "batas_capaian", "bobot_default", "hanya_utama",
                "nilai_rating_perilaku", "kategori"):
        if key not in cfg:
            raise err(key, f"kunci '{key}' wajib ada dalam konfigurasi KPI")
    bh = number("bobot_hasil", cfg["bobot_hasil"])
    bp = number("bobot_perilaku", cfg["bobot_perilaku"])
    for key, v in (("bobot_hasil", bh), ("bobot_perilaku", bp)):
        if not 0.0 <= v <= 1.0:
            raise err(key, f"'{key}' harus antara 0 dan 1 (diberikan {v:g})")
    if abs(bh + bp - 1.0) > _TOL:
        raise err("bobot_hasil", f"bobot_hasil + bobot_perilaku harus berjumlah 1 (sekarang {bh:g} + {bp:g} = "
                                 f"{bh + bp:g})")
    if number("batas_capaian", cfg["batas_capaian"]) <= 0:
        raise err("batas_capaian", "'batas_capaian' harus lebih dari 0 (persen)")
    if number("bobot_default", cfg["bobot_default"]) < 0:
        raise err("bobot_default", "'bobot_default' tidak boleh negatif")
    if not isinstance(cfg["hanya_utama"], bool):
        raise err("hanya_utama", "'hanya_utama' harus true atau false")
    nrp = cfg["nilai_rating_perilaku"]
    if not isinstance(nrp, Mapping):
        raise err("nilai_rating_perilaku", "'nilai_rating_perilaku' harus berupa tabel di_atas/sesuai/di_bawah")
    for k, v in nrp.items():
        try:
            labels.rating_code(k)
        except ValueError:
            raise err(f"nilai_rating_perilaku.{k}", f"rating '{k}' tidak dikenal; gunakan di_atas, sesuai atau "
                                                   "di_bawah") from None
        number(f"nilai_rating_perilaku.{k}", v)
    for code in labels.RATINGS:
        if not any(labels.rating_code(k) == code for k in nrp):
            raise err(f"nilai_rating_perilaku.{code}", f"nilai untuk rating '{code}' belum diisi")
    bands = cfg["kategori"]
    if not isinstance(bands, list) or not bands:
        raise err("kategori", "'kategori' harus berisi paling sedikit satu pita [[kategori]] (nama, min)")
    prev = math.inf
    for i, band in enumerate(bands, 1):
        if not isinstance(band, Mapping) or not isinstance(band.get("nama"), str) or not band["nama"].strip():
            raise err(f"kategori[{i}].nama", f"pita kategori ke-{i} harus punya 'nama' berupa teks")
        m = number(f"kategori[{i}].min", band.get("min"))
        if not m < prev:
            raise err(f"kategori[{i}].min", f"pita kategori harus urut dari yang terbaik: 'min' ke-{i} ({m:g}) harus "
                                            f"lebih kecil dari 'min' sebelumnya ({prev:g})")
        prev = m
    names = [b["nama"] for b in bands]
    if len(set(names)) != len(names):
        raise err("kategori", "nama pita kategori tidak boleh berulang")
    return dict(cfg)


def _config(config) -> dict:
    if config is None:
        return load_config(DEFAULT_CONFIG)
    if isinstance(config, (str, Path)):
        return load_config(config)
    return validate_config(config)


# --- primitives ------------------------------------------------------------------------------
def capaian(target: float, realisasi: float, arah: str = "naik", batas_capaian: float = math.inf) -> float:
    """Capaian (%) of one indikator, capped at ``batas_capaian``; 0 when realisasi is missing."""
    if realisasi is None or (isinstance(realisasi, float) and math.isnan(realisasi)):
        return 0.0
    c = float(capaian_indikator([target], [realisasi], [arah])[0])
    return min(c, float(batas_capaian))


def nilai_hasil(capaian_per_indikator, bobot) -> float:
    """sum(bobot x capaian) / sum(bobot)."""
    cs = list(capaian_per_indikator)
    bs = list(bobot)
    sb = sum(bs)
    return sum(b * c for b, c in zip(bs, cs)) / sb if sb > 0 else math.nan


def nilai_kinerja(nilai_hasil: float, nilai_perilaku: float, bobot_hasil: float, bobot_perilaku: float) -> float:
    """bobot_hasil x nilai hasil + bobot_perilaku x nilai perilaku."""
    return bobot_hasil * nilai_hasil + bobot_perilaku * nilai_perilaku


def kategori(nilai: float, bands) -> str | None:
    """The first band (best first) whose ``min`` the nilai reaches; None for NaN or below all."""
    if nilai is None or math.isnan(nilai):
        return None
    for band in bands:
        if nilai >= band["min"]:
            return band["nama"]
    return None


def kategori_array(nilai, bands) -> np.ndarray:
    v = np.asarray(nilai, dtype=float)
    return np.select([v >= b["min"] for b in bands], [b["nama"] for b in bands], default=None).astype(object)


def arah_efektif(arah, aspek) -> np.ndarray:
    """The indikator's arah; empty = turun for waktu/biaya, naik otherwise (schema.py)."""
    codes, uniq = pd.factorize(np.asarray(arah, dtype=object))
    norm = [str(u).strip().lower() for u in uniq]
    lut = np.array([x if x else None for x in norm] + [None], dtype=object)
    a = lut[codes]
    bawaan = np.where(isin_fast(aspek, _ASPEK_TURUN_BAWAAN), "turun", "naik")
    return np.where(pd.isna(a), bawaan, a).astype(object)


# --- vectorised scoring ----------------------------------------------------------------------
def _indikator_used(ind: pd.DataFrame, cfg: dict) -> np.ndarray:
    t = pd.to_numeric(ind["target_periode"], errors="coerce").to_numpy(float)
    used = t > 0
    if cfg["hanya_utama"]:
        codes, uniq = pd.factorize(ind["jenis"].to_numpy(dtype=object))
        utama = np.array([str(u).strip().lower() == "utama" for u in uniq] + [False], dtype=bool)
        used &= utama[codes]
    return used


def score(data, config: dict | str | Path | None = None) -> pd.DataFrame:
    """Nilai kinerja KPI for every pegawai of ``data`` (one row each)."""
    cfg = _config(config)
    peg = data.pegawai
    nips = pd.Index(_pegawai_col(peg, "nip"))
    n = len(nips)

    ind = data.indikator
    pcode = nips.get_indexer(ind["nip"])
    used = (pcode >= 0) & _indikator_used(ind, cfg)
    pcode = pcode[used]
    t = pd.to_numeric(ind["target_periode"], errors="coerce").to_numpy(float)[used]
    r = pd.to_numeric(ind["realisasi"], errors="coerce").to_numpy(float)[used]
    arah = arah_efektif(ind["arah"].to_numpy(dtype=object)[used], ind["aspek"].to_numpy(dtype=object)[used])
    tanpa = np.isnan(r)
    cap = np.minimum(capaian_indikator(t, r, arah), float(cfg["batas_capaian"]))
    cap = np.where(tanpa, 0.0, cap)
    b = pd.to_numeric(ind["bobot"], errors="coerce").to_numpy(float)[used]
    b = np.where(np.isnan(b), float(cfg["bobot_default"]), b)
    sbc = np.bincount(pcode, weights=b * cap, minlength=n)
    sb = np.bincount(pcode, weights=b, minlength=n)
    jumlah_ind = np.bincount(pcode, minlength=n)
    jumlah_tanpa = np.bincount(pcode, weights=tanpa.astype(float), minlength=n).astype(np.int64)
    belum = (jumlah_ind > 0) & (jumlah_tanpa == jumlah_ind)  # nothing reported yet: no fake zero
    with np.errstate(divide="ignore", invalid="ignore"):
        hasil = np.where((sb > 0) & ~belum, sbc / sb, np.nan)

    p = perilaku_normal(data.perilaku)
    pc = nips.get_indexer(p["nip"]) if len(p) else np.zeros(0, dtype=np.intp)
    v = p["nilai_num"].to_numpy()
    v = np.where(np.isnan(v), rating_values(p["rating_code"].to_numpy(), cfg["nilai_rating_perilaku"]), v)
    ok = (pc >= 0) & isin_fast(p["aspek_code"].to_numpy(), labels.BERAKHLAK) & ~np.isnan(v)
    perilaku, jumlah_per = _mean_by(pc[ok], v[ok], n)

    nilai = float(cfg["bobot_hasil"]) * hasil + float(cfg["bobot_perilaku"]) * perilaku
    return pd.DataFrame({
        "nip": nips.to_numpy(),
        "nama": _pegawai_col(peg, "nama"),
        "unit": _pegawai_col(peg, "unit"),
        "jumlah_indikator": jumlah_ind.astype(np.int64),
        "indikator_tanpa_realisasi": jumlah_tanpa,
        "belum_ada_realisasi": belum,
        "jumlah_bobot": sb,
        "nilai_hasil": hasil,
        "jumlah_nilai_perilaku": jumlah_per.astype(np.int64),
        "nilai_perilaku": perilaku,
        "nilai_kinerja": nilai,
        "nilai": nilai,
        "predikat": kategori_array(nilai, cfg["kategori"]),
    })


# --- explanation -----------------------------------------------------------------------------
def explain(data, nip, config: dict | str | Path | None = None) -> Explanation:
    """The steps behind one pegawai's KPI result; the numbers equal :func:`score`'s."""
    cfg = _config(config)
    nama_skema = cfg.get("nama", SCHEME)
    ex = Explanation(SCHEME, str(nip), str(data.periode))
    batas = float(cfg["batas_capaian"])

    ind = data.indikator[data.indikator["nip"] == nip]
    ind = ind[_indikator_used(ind, cfg)]
    arah = arah_efektif(ind["arah"].to_numpy(dtype=object), ind["aspek"].to_numpy(dtype=object))
    caps, bobot = [], []
    tanpa = 0
    for row, a in zip(ind.itertuples(index=False), arah):
        t = float(row.target_periode)
        r = pd.to_numeric(row.realisasi, errors="coerce")
        kosong = bool(pd.isna(r))
        tanpa += kosong
        if a == "turun":
            rumus = f"capaian = (2 - realisasi / target) x 100%, paling tinggi {batas:g}%"
        else:
            rumus = f"capaian = realisasi / target x 100%, paling tinggi {batas:g}%"
        bb = pd.to_numeric(row.bobot, errors="coerce")
        bb = float(cfg["bobot_default"]) if pd.isna(bb) else float(bb)
        inputs = {"target": t, "realisasi": None if kosong else float(r), "arah": a, "bobot": bb}
        if kosong:
            rumus = "realisasi belum diisi: capaian dihitung 0%"
        c = ex.add(f"Capaian indikator {row.rhk_id}/{row.iki_id} - {row.indikator}", rumus, inputs,
                   capaian(t, None if kosong else float(r), a, batas), SUMBER,
                   key=f"capaian:{row.rhk_id}:{row.iki_id}")
        caps.append(c)
        bobot.append(bb)
    belum = bool(caps) and tanpa == len(caps)
    hasil = ex.add("Nilai hasil kerja", ("belum ada realisasi: nilai hasil belum dihitung (bukan dianggap 0)" if belum
                                         else "nilai hasil = jumlah(bobot x capaian) / jumlah bobot"
                                         + (" (hanya RHK utama)" if cfg["hanya_utama"] else "")),
                   {"jumlah bobot": float(sum(bobot)), "banyak indikator": len(caps),
                    "indikator tanpa realisasi": tanpa},
                   math.nan if belum else nilai_hasil(caps, bobot), SUMBER, key="nilai_hasil")

    p = perilaku_normal(data.perilaku[data.perilaku["nip"] == nip]) if len(data.perilaku) else perilaku_normal(data.perilaku)
    rmap = {labels.rating_code(k): float(v) for k, v in cfg["nilai_rating_perilaku"].items()}
    inputs = {}
    for row in p.itertuples(index=False):
        if row.aspek_code not in labels.BERAKHLAK:
            continue
        v = row.nilai_num if not math.isnan(row.nilai_num) else rmap.get(row.rating_code, math.nan)
        if not math.isnan(v):
            inputs[labels.BERAKHLAK_LABEL[row.aspek_code]] = v
    konversi = ", ".join(f"{labels.RATING_LABEL[k]} = {v:g}" for k, v in rmap.items())
    perilaku = ex.add("Nilai perilaku kerja",
                      f"nilai perilaku = rata-rata nilai BerAKHLAK (angka bila ada, selain itu rating: {konversi})",
                      inputs, sum(inputs.values()) / len(inputs) if inputs else math.nan, SUMBER,
                      key="nilai_perilaku")
    bh, bp = float(cfg["bobot_hasil"]), float(cfg["bobot_perilaku"])
    nilai = ex.add("Nilai kinerja", f"nilai kinerja = {bh * 100:g}% x nilai hasil + {bp * 100:g}% x nilai perilaku",
                   {"nilai hasil": hasil, "nilai perilaku": perilaku}, nilai_kinerja(hasil, perilaku, bh, bp),
                   f"{SUMBER} ({nama_skema})", key="nilai_kinerja")
    ex.add("Kategori", "; ".join(f"{b['nama']}: >= {b['min']:g}" for b in cfg["kategori"]),
           {"nilai kinerja": nilai}, kategori(nilai, cfg["kategori"]), SUMBER, key="predikat")
    return ex
