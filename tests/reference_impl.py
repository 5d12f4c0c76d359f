"""Plain per-row reference implementations of the numeric schemes, used as test oracles.

Everything here loops over dicts and rows (no pandas groupby, no numpy vectorisation), written
straight from ``shared/reference/RULES.md`` so that a vectorised ``score`` can be checked against it.
Also :func:`build_periode_data`, a synthetic :class:`kinerja.dataset.frames.PeriodeData` builder for tests
and benchmarks.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kinerja.domain import labels
from kinerja.dataset.frames import PeriodeData
from kinerja.domain.periode import parse_periode

PP46_ASPEK_RASIO = ("kuantitas", "kualitas")


def _nan(v) -> bool:
    try:
        return v is None or math.isnan(float(v))
    except (TypeError, ValueError):
        return True


def _rating(v):
    try:
        return labels.rating_code(v)
    except ValueError:
        return None


def _aspek_perilaku(v):
    try:
        return labels.aspek_perilaku_code(v)
    except ValueError:
        return None


def _records(df: pd.DataFrame) -> list[dict]:
    return df.to_dict("records")


def _pegawai(data) -> list[dict]:
    return _records(data.pegawai)


def _bonus(data, nip, col) -> float:
    if col not in data.penilaian.columns:
        return 0.0
    val = 0.0
    for row in _records(data.penilaian):
        if row["nip"] == nip and not _nan(row[col]):
            val = float(row[col])
    return val


# ---------------------------------------------------------------------------------------- PP 46
def pp46_nilai_aspek(aspek, t, r) -> float:
    if aspek in PP46_ASPEK_RASIO:
        return r / t * 100
    eff = 100 - r / t * 100
    if eff <= 24 + 1e-9:
        return ((1.76 * t - r) / t) * 100
    return 76 - ((((1.76 * t - r) / t) * 100) - 100)


def pp46_kategori(x):
    if _nan(x):
        return None
    if x > 90:
        return "Sangat Baik"
    if x > 75:
        return "Baik"
    if x > 60:
        return "Cukup"
    if x > 50:
        return "Kurang"
    return "Buruk"


def pp46_score(data, rating_map: dict) -> dict[str, dict]:
    out = {}
    ind_rows = _records(data.indikator)
    per_rows = _records(data.perilaku)
    for p in _pegawai(data):
        nip = p["nip"]
        struktural = str(p.get("jenis_jabatan")).strip().lower() in labels.JABATAN_STRUKTURAL
        keg: dict = {}
        tanpa = 0
        n_ind = 0
        for row in ind_rows:
            if row["nip"] != nip:
                continue
            t = row["target_periode"]
            if _nan(t) or not t > 0 or row["aspek"] not in labels.ASPEK:
                continue
            n_ind += 1
            r = row["realisasi"]
            if _nan(r):
                tanpa += 1
                r = 0.0
            keg.setdefault(row["rhk_id"], {}).setdefault(row["aspek"], []).append(
                pp46_nilai_aspek(row["aspek"], float(t), float(r)))
        nilai_keg = []
        for per_aspek in keg.values():
            means = [sum(v) / len(v) for a, v in sorted(per_aspek.items(), key=lambda kv: labels.ASPEK.index(kv[0]))]
            nilai_keg.append(sum(means) / len(means))
        belum = n_ind > 0 and tanpa == n_ind  # nothing reported yet: no fake zero
        rata = sum(nilai_keg) / len(nilai_keg) if nilai_keg and not belum else math.nan
        skp = rata + _bonus(data, nip, "nilai_tugas_tambahan") + _bonus(data, nip, "nilai_kreativitas")
        v46, vb = [], []
        for row in per_rows:
            if row["nip"] != nip:
                continue
            a = _aspek_perilaku(row["aspek"])
            v = row.get("nilai")
            if a in labels.PERILAKU_PP46:
                if _nan(v) or (a == "kepemimpinan" and not struktural):
                    continue
                v46.append(float(v))
            elif a in labels.BERAKHLAK:
                if _nan(v):
                    v = rating_map.get(_rating(row.get("rating")), math.nan)
                if not _nan(v):
                    vb.append(float(v))
        vals = v46 or vb
        perilaku = sum(vals) / len(vals) if vals else math.nan
        prestasi = 0.6 * skp + 0.4 * perilaku
        out[nip] = {"jumlah_kegiatan": len(nilai_keg), "jumlah_indikator": n_ind,
                    "indikator_tanpa_realisasi": tanpa, "belum_ada_realisasi": belum, "rata_nilai_kegiatan": rata,
                    "nilai_capaian_skp": skp, "nilai_perilaku": perilaku,
                    "jumlah_aspek_perilaku": len(vals), "nilai_prestasi_kerja": prestasi,
                    "nilai": prestasi, "predikat": pp46_kategori(prestasi)}
    return out


# ------------------------------------------------------------------------------------------ KPI
def kpi_score(data, cfg: dict) -> dict[str, dict]:
    out = {}
    ind_rows = _records(data.indikator)
    per_rows = _records(data.perilaku)
    rmap = {labels.rating_code(k): float(v) for k, v in cfg["nilai_rating_perilaku"].items()}
    for p in _pegawai(data):
        nip = p["nip"]
        sb = sbc = 0.0
        tanpa = n = 0
        for row in ind_rows:
            if row["nip"] != nip:
                continue
            if cfg["hanya_utama"] and row["jenis"] != "utama":
                continue
            t = row["target_periode"]
            if _nan(t) or not t > 0:
                continue
            n += 1
            arah = row["arah"]
            if _nan(arah) if not isinstance(arah, str) else not arah:
                arah = "turun" if row["aspek"] in ("waktu", "biaya") else "naik"
            r = row["realisasi"]
            if _nan(r):
                tanpa += 1
                cap = 0.0
            else:
                ratio = float(r) / float(t)
                cap = (2 - ratio) * 100 if arah == "turun" else ratio * 100
                cap = min(max(cap, 0.0), cfg["batas_capaian"])
            b = row["bobot"]
            b = cfg["bobot_default"] if _nan(b) else float(b)
            sb += b * cap
            sbc += b
        belum = n > 0 and tanpa == n  # nothing reported yet: no fake zero
        hasil = sb / sbc if sbc > 0 and not belum else math.nan
        vals = []
        for row in per_rows:
            if row["nip"] != nip or _aspek_perilaku(row["aspek"]) not in labels.BERAKHLAK:
                continue
            v = row.get("nilai")
            if _nan(v):
                v = rmap.get(_rating(row.get("rating")), math.nan)
            if not _nan(v):
                vals.append(float(v))
        perilaku = sum(vals) / len(vals) if vals else math.nan
        nilai = cfg["bobot_hasil"] * hasil + cfg["bobot_perilaku"] * perilaku
        kat = None
        if not _nan(nilai):
            for band in cfg["kategori"]:
                if nilai >= band["min"]:
                    kat = band["nama"]
                    break
        out[nip] = {"jumlah_indikator": n, "indikator_tanpa_realisasi": tanpa, "belum_ada_realisasi": belum,
                    "nilai_hasil": hasil,
                    "nilai_perilaku": perilaku, "nilai": nilai, "predikat": kat}
    return out


# -------------------------------------------------------------------------- synthetic PeriodeData
def build_periode_data(pegawai: int = 20, rhk_per_pegawai: int = 3, iki_per_rhk: int = 3, seed: int = 0,
                       periode: str = "2026", missing: float = 0.05, arah_kosong: float = 0.0) -> PeriodeData:
    """A random but valid PeriodeData (vectorised construction, fast enough for 100k pegawai)."""
    rng = np.random.default_rng(seed)
    nips = np.array([f"1980010120050110{i:06d}"[-18:] for i in range(pegawai)], dtype=object)
    jj = rng.choice(np.array(labels.JENIS_JABATAN, dtype=object), pegawai)
    peg = pd.DataFrame({"nip": nips, "nama": [f"Pegawai {i}" for i in range(pegawai)],
                        "jabatan": "Analis", "jenis_jabatan": jj,
                        "unit": rng.choice(np.array(["Sekretariat", "Bidang A", "Bidang B"], dtype=object), pegawai),
                        "nip_atasan": None, "jenjang": "Ahli Pertama", "koefisien_ak": np.nan,
                        "kepala_unit": rng.random(pegawai) < 0.1}, index=nips)
    per_peg = rhk_per_pegawai * iki_per_rhk
    m = pegawai * per_peg
    nip_col = np.repeat(nips, per_peg)
    rhk_n = np.tile(np.repeat(np.arange(1, rhk_per_pegawai + 1), iki_per_rhk), pegawai)
    iki_n = np.tile(np.arange(1, iki_per_rhk + 1), pegawai * rhk_per_pegawai)
    rhk_names = np.array([f"RHK-{k}" for k in range(rhk_per_pegawai + 1)], dtype=object)
    aspek = rng.choice(np.array(labels.ASPEK, dtype=object), m, p=[0.4, 0.3, 0.2, 0.1])
    target = rng.choice(np.array([1.0, 4.0, 12.0, 95.0, 100.0, 250.0]), m)
    ratio = rng.uniform(0.3, 1.5, m)
    real = np.round(target * ratio, 2)
    real[rng.random(m) < missing] = np.nan
    arah = np.where(np.isin(aspek, ["waktu", "biaya"]), "turun", "naik").astype(object)
    arah[rng.random(m) < arah_kosong] = np.nan
    bobot = rng.choice(np.array([np.nan, 10.0, 20.0, 30.0]), m)
    ind = pd.DataFrame({
        "nip": nip_col, "rhk_id": rhk_names[rhk_n],
        "iki_id": [f"{a}.{b}" for a, b in zip(rhk_n, iki_n)] if m < 200_000 else (rhk_n * 100 + iki_n).astype(str),
        "rhk": "Rencana hasil kerja", "jenis": np.where(rhk_n == rhk_per_pegawai, "tambahan", "utama").astype(object),
        "rhk_atasan": None, "perspektif": None, "indikator": "Indikator", "aspek": aspek, "arah": arah,
        "target": target, "target_periode": target, "satuan": "dokumen", "bobot": bobot, "sumber": "manual",
        "realisasi": real, "bukti": None, "umpan_balik": None})
    # perilaku: BerAKHLAK ratings for everyone (nilai for some); PP 46 aspects for about half.
    berakhlak = np.array(list(labels.BERAKHLAK), dtype=object)
    pp46 = np.array(list(labels.PERILAKU_PP46), dtype=object)
    nb = pegawai * len(berakhlak)
    rating = rng.choice(np.array(labels.RATINGS + (None,), dtype=object), nb, p=[0.25, 0.55, 0.15, 0.05])
    nilai_b = np.where(rng.random(nb) < 0.3, np.round(rng.uniform(50, 110, nb), 1), np.nan)
    pb = pd.DataFrame({"nip": np.repeat(nips, len(berakhlak)), "aspek": np.tile(berakhlak, pegawai),
                       "rating": rating, "nilai": nilai_b, "catatan": None})
    has46 = rng.random(pegawai) < 0.5
    n46 = int(has46.sum()) * len(pp46)
    nilai46 = np.round(rng.uniform(40, 100, n46), 1)
    nilai46[rng.random(n46) < 0.1] = np.nan
    p46 = pd.DataFrame({"nip": np.repeat(nips[has46], len(pp46)), "aspek": np.tile(pp46, int(has46.sum())),
                        "rating": None, "nilai": nilai46, "catatan": None})
    perilaku = pd.concat([pb, p46], ignore_index=True)
    pen_mask = rng.random(pegawai) < 0.3
    pen = pd.DataFrame({"nip": nips[pen_mask], "rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai",
                        "nilai_tugas_tambahan": rng.choice(np.array([np.nan, 1.0, 2.0]), int(pen_mask.sum())),
                        "nilai_kreativitas": rng.choice(np.array([np.nan, 3.0, 6.0]), int(pen_mask.sum()))},
                       index=nips[pen_mask])
    org = pd.DataFrame({"capaian": ["Baik", "Istimewa", "Butuh Perbaikan"]},
                       index=pd.Index(["Sekretariat", "Bidang A", "Bidang B"], name="unit"))
    from kinerja.domain.config import load_config

    return PeriodeData(parse_periode(periode), peg, ind, perilaku, pen, org, load_config("permenpanrb_2022"))


PEGAWAI_DEFAULTS = {"nama": "Pegawai", "jabatan": "Analis", "jenis_jabatan": "pelaksana", "unit": "Sekretariat",
                    "nip_atasan": None, "jenjang": None, "koefisien_ak": np.nan, "kepala_unit": False}
INDIKATOR_DEFAULTS = {"rhk": "RHK", "jenis": "utama", "rhk_atasan": None, "perspektif": None,
                      "indikator": "Indikator", "arah": "naik", "satuan": "dokumen", "bobot": np.nan,
                      "sumber": "manual", "realisasi": np.nan, "bukti": None, "umpan_balik": None}


def periode_data_from_rows(pegawai: list[dict], indikator: list[dict] = (), perilaku: list[dict] = (),
                           penilaian: list[dict] = (), organisasi: dict | None = None,
                           periode: str = "2026") -> PeriodeData:
    """A PeriodeData from plain row dicts (missing columns get defaults); for hand-made cases."""
    from kinerja.domain.config import load_config
    from kinerja.dataset.frames import INDIKATOR_COLUMNS

    peg = pd.DataFrame([{**PEGAWAI_DEFAULTS, **r} for r in pegawai])
    peg.index = peg["nip"].to_numpy()
    rows = []
    for r in indikator:
        row = {**INDIKATOR_DEFAULTS, **r}
        row.setdefault("iki_id", f"{row['rhk_id']}.{len(rows) + 1}")
        row.setdefault("target_periode", row["target"])
        rows.append(row)
    ind = pd.DataFrame(rows, columns=INDIKATOR_COLUMNS)
    for c in ("target", "target_periode", "realisasi", "bobot"):
        ind[c] = ind[c].astype(float)
    per = pd.DataFrame([{"rating": None, "nilai": np.nan, "catatan": None, **r} for r in perilaku],
                       columns=["nip", "aspek", "rating", "nilai", "catatan"])
    per["nilai"] = per["nilai"].astype(float)
    pen = pd.DataFrame(list(penilaian), columns=sorted({"nip", "rating_hasil_kerja", "rating_perilaku"}
                                                       | {k for r in penilaian for k in r}))
    pen.index = pen["nip"].to_numpy()
    org = pd.DataFrame({"capaian": list((organisasi or {}).values())},
                       index=pd.Index(list((organisasi or {}).keys()), name="unit"))
    return PeriodeData(parse_periode(periode), peg, ind, per, pen, org, load_config("permenpanrb_2022"))


# ------------------------------------------------------------------ PermenPANRB 6/2022 suggestions
def permenpanrb_2022_score(data, cfg: dict) -> dict[str, dict]:
    """The suggestion rules of the ``permenpanrb_2022`` module docstring, row by row."""
    u = cfg["usulan_hasil_kerja"]
    up = cfg["usulan_perilaku"]
    kuadran = {
        ("di_atas", "di_bawah"): "Kurang/Misconduct", ("di_atas", "sesuai"): "Baik",
        ("di_atas", "di_atas"): "Sangat Baik", ("sesuai", "di_bawah"): "Kurang/Misconduct",
        ("sesuai", "sesuai"): "Baik", ("sesuai", "di_atas"): "Baik", ("di_bawah", "di_bawah"): "Sangat Kurang",
        ("di_bawah", "sesuai"): "Butuh Perbaikan", ("di_bawah", "di_atas"): "Butuh Perbaikan",
    }
    ind_rows = _records(data.indikator)
    per_rows = _records(data.perilaku)
    pen = {r["nip"]: r for r in _records(data.penilaian)}
    org = {unit: row["capaian"] for unit, row in data.organisasi.iterrows()} if len(data.organisasi) else {}
    out = {}
    for p in _pegawai(data):
        nip = p["nip"]
        # 1-2. capaian per indikator, then (bobot-weighted) mean per RHK
        rhk: dict = {}
        n_ind = n_kosong = 0
        for row in ind_rows:
            if row["nip"] != nip:
                continue
            n_ind += 1
            n_kosong += _nan(row["realisasi"])
            t = float(row["target_periode"])
            if _nan(row["realisasi"]):
                c = 0.0  # nothing reported: capaian 0, also when lower is better
            else:
                r = float(row["realisasi"])
                c = max((2 - r / t) * 100 if row["arah"] == "turun" else r / t * 100, 0.0)
            w = 1.0 if _nan(row["bobot"]) else float(row["bobot"])
            e = rhk.setdefault(row["rhk_id"], {"jenis": row["jenis"], "wc": 0.0, "w": 0.0})
            e["wc"] += w * c
            e["w"] += w
        caps, atas, bawah, utama, utama_bawah = [], 0, 0, 0, 0
        for e in rhk.values():
            cap = e["wc"] / e["w"] if e["w"] > 0 else 0.0
            caps.append(cap)
            # 3. RHK kategori
            kat = "di_atas" if cap >= u["batas_di_atas"] else "sesuai" if cap >= u["batas_sesuai"] else "di_bawah"
            atas += kat == "di_atas"
            bawah += kat == "di_bawah"
            utama += e["jenis"] == "utama"
            utama_bawah += e["jenis"] == "utama" and kat == "di_bawah"
        n = len(caps)
        belum = n_ind > 0 and n_kosong == n_ind  # 0. nothing reported yet: no suggestion, no fake zero
        # 4. usulan rating hasil kerja, in order
        if n == 0 or belum:
            hk = None
        elif bawah / n > u["porsi_sebagian_besar"]:
            hk = "di_bawah"
        elif utama and utama_bawah / utama > u["porsi_utama_di_bawah_maks"]:
            hk = "di_bawah"
        elif atas / n > u["porsi_sebagian_besar"] and utama_bawah == 0:
            hk = "di_atas"
        else:
            hk = "sesuai"
        cap_org = org.get(p["unit"])
        if (u.get("kepala_unit_ikut_capaian_organisasi") and bool(p.get("kepala_unit"))
                and isinstance(cap_org, str)):
            hk = u["dari_capaian_organisasi"][cap_org]
        # 5. usulan rating perilaku
        ratings = [row["rating"] for row in per_rows
                   if row["nip"] == nip and row["aspek"] in labels.BERAKHLAK and isinstance(row["rating"], str)]
        n_atas = sum(r == "di_atas" for r in ratings)
        n_bawah = sum(r == "di_bawah" for r in ratings)
        if not ratings:
            pk = None
        elif n_bawah >= up["min_di_bawah"]:
            pk = "di_bawah"
        elif n_atas >= up["min_di_atas"] and n_bawah == 0:
            pk = "di_atas"
        else:
            pk = "sesuai"
        # 6. final ratings: the Pejabat Penilai's when given
        pr = pen.get(nip, {})
        fhk = pr.get("rating_hasil_kerja") if isinstance(pr.get("rating_hasil_kerja"), str) else hk
        fpk = pr.get("rating_perilaku") if isinstance(pr.get("rating_perilaku"), str) else pk
        # 7. predikat
        pred = kuadran.get((fhk, fpk)) if fhk and fpk else None
        out[nip] = {"jumlah_rhk": n, "rhk_di_atas": atas, "rhk_di_bawah": bawah, "rhk_utama": utama,
                    "rhk_utama_di_bawah": utama_bawah,
                    "capaian_rata": sum(caps) / n if n and not belum else math.nan,
                    "nilai": sum(caps) / n if n and not belum else math.nan, "belum_ada_realisasi": belum,
                    "usulan_hasil_kerja": hk, "usulan_perilaku": pk, "rating_hasil_kerja": fhk,
                    "rating_perilaku": fpk, "predikat": pred}
    return out


def assert_same(frame: pd.DataFrame, ref: dict[str, dict]) -> None:
    """A vectorised score frame equals the reference's per-nip dicts (NaN/None alike, 1e-9)."""
    import pytest

    assert sorted(frame["nip"]) == sorted(ref)
    for row in frame.to_dict("records"):
        for k, want in ref[row["nip"]].items():
            got = row[k]
            if want is None or (isinstance(want, float) and math.isnan(want)):
                assert pd.isna(got), (row["nip"], k, got)
            elif isinstance(want, str):
                assert got == want, (row["nip"], k, got, want)
            else:
                assert got == pytest.approx(want, rel=1e-9, abs=1e-9), (row["nip"], k, got, want)
