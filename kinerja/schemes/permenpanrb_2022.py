"""PermenPANRB 6/2022: the scheme in force (default).

Rating hasil kerja and rating perilaku kerja are judgements of the Pejabat Penilai. What kinerja
computes from capaian is a *suggestion* (usulan), a decision aid the evaluator confirms or overrides
with a written reason. The rules that turn the regulation's qualitative guidance into a suggestion
are kinerja's documented reading, with every threshold in ``config/permenpanrb_2022.toml``:

1. capaian indikator = R/T x 100% (arah naik) or (2 - R/T) x 100% (arah turun), never below 0;
   T is the periode target (see kinerja.dataset.frames). Missing realisasi gives capaian 0 (also when lower
   is better: nothing reported is not a result).
2. capaian RHK = mean of its indikator capaian (weighted by ``bobot`` when given).
3. An RHK is di atas ekspektasi when capaian RHK >= ``batas_di_atas`` (110), sesuai when
   >= ``batas_sesuai`` (100), otherwise di bawah.
4. Usulan rating hasil kerja (Lampiran hlm. 97-98), in this order:
   a. di bawah when more than ``porsi_sebagian_besar`` (half) of all RHK are di bawah;
   b. di bawah when more than ``porsi_utama_di_bawah_maks`` (a quarter) of the Utama RHK are di
      bawah (only "sebagian kecil" Utama may be below for sesuai);
   c. di atas when more than half of all RHK are di atas and no Utama RHK is di bawah;
   d. sesuai otherwise.
   0. A pegawai none of whose indikator has a realisasi in the periode (a periode not reported yet)
      gets no suggestion: ``usulan_hasil_kerja`` None with the reason "belum ada realisasi",
      ``belum_ada_realisasi`` True, ``capaian_rata``/``nilai`` NaN, and no predikat unless the
      Pejabat Penilai has set both final ratings. The predikat is never computed from a fake zero.
   e. A unit head's suggestion follows the unit's capaian kinerja organisasi (SE MenPANRB 3/2023,
      secondary source; ``kepala_unit_ikut_capaian_organisasi``). A unit head is decided from
      jenis_jabatan and jabatan only (:func:`kinerja.dataset.frames.kepala_unit`), never from where
      the atasan sits, so a Plt. atasan from another unit changes no one's suggestion.
5. Usulan rating perilaku from the seven BerAKHLAK value ratings (Lampiran hlm. 98-99): di bawah
   when at least ``min_di_bawah`` (1) values are di bawah ("belum konsisten"); di atas when at least
   ``min_di_atas`` (4) values are di atas and none is di bawah ("konsisten dan menjadi role
   model"); otherwise sesuai.
6. The final ratings are the Pejabat Penilai's (penilaian.csv) when given, else the suggestions.
7. Predikat from the Kuadran Kinerja Pegawai (:data:`KUADRAN`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from kinerja.domain import labels
from kinerja.domain.config import load_config as _load_named_config
from kinerja.dataset.frames import PeriodeData, subset
from kinerja.schemes.capaian import capaian_indikator
from kinerja.domain.format import persen_pecahan
from kinerja.schemes.explain import Explanation, format_value
from kinerja.domain.labels import BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_BAIK, SANGAT_KURANG

NAME = "permenpanrb-2022"
LABEL = "PermenPANRB 6/2022"
TITLE = LABEL
CONFIG_NAME = "permenpanrb_2022"

# Kuadran Kinerja Pegawai: (rating hasil kerja, rating perilaku kerja) -> predikat.
# Source: PermenPANRB 6/2022, Lampiran hlm. 99-100 (periodik) and hlm. 102-103 (tahunan).
KUADRAN = {
    ("di_atas", "di_bawah"): KURANG, ("di_atas", "sesuai"): BAIK, ("di_atas", "di_atas"): SANGAT_BAIK,
    ("sesuai", "di_bawah"): KURANG, ("sesuai", "sesuai"): BAIK, ("sesuai", "di_atas"): BAIK,
    ("di_bawah", "di_bawah"): SANGAT_KURANG, ("di_bawah", "sesuai"): BUTUH_PERBAIKAN,
    ("di_bawah", "di_atas"): BUTUH_PERBAIKAN,
}
SUMBER_KUADRAN = "PermenPANRB 6/2022, Lampiran hlm. 99-100 (Kuadran Kinerja Pegawai)"

# The regulation's own explanation of each predikat (Lampiran hlm. 100), used in teaching.
PENJELASAN_PREDIKAT = {
    SANGAT_BAIK: "Hasil kerja pegawai diatas ekspektasi dan perilaku kerja pegawai diatas ekspektasi.",
    BAIK: "Hasil kerja pegawai diatas ekspektasi dan perilaku kerja pegawai sesuai ekspektasi; atau hasil "
          "kerja pegawai sesuai ekspektasi dan perilaku kerja pegawai sesuai ekspektasi; atau hasil kerja "
          "pegawai sesuai ekspektasi dan perilaku kerja pegawai diatas ekspektasi.",
    BUTUH_PERBAIKAN: "Hasil kerja pegawai dibawah ekspektasi dan perilaku kerja pegawai diatas ekspektasi; "
                     "atau hasil kerja pegawai dibawah ekspektasi dan perilaku kerja pegawai sesuai ekspektasi.",
    KURANG: "Hasil kerja pegawai diatas ekspektasi dan perilaku kerja pegawai dibawah ekspektasi; atau hasil "
            "kerja pegawai sesuai ekspektasi dan perilaku kerja pegawai dibawah ekspektasi.",
    SANGAT_KURANG: "Hasil kerja pegawai dibawah ekspektasi dan perilaku kerja pegawai dibawah ekspektasi.",
}

ALASAN_HK = {
    "mayoritas_di_bawah": "sebagian besar RHK di bawah ekspektasi",
    "utama_di_bawah": "lebih dari sebagian kecil RHK Utama di bawah ekspektasi",
    "mayoritas_di_atas": "sebagian besar RHK di atas ekspektasi dan tidak ada RHK Utama di bawah ekspektasi",
    "umumnya_sesuai": "sebagian besar RHK sesuai ekspektasi dan hanya sebagian kecil RHK Utama di bawah",
    "kepala_unit": "pegawai adalah pimpinan unit; rating mengikuti capaian kinerja organisasi unitnya",
    "tanpa_rhk": "belum ada RHK",
    "belum_realisasi": "belum ada realisasi",
}
BELUM_ADA_REALISASI = ALASAN_HK["belum_realisasi"]


def _select(conds, choices, default, n: int) -> np.ndarray:
    """np.select for object values (labels and None)."""
    out = np.full(n, default, dtype=object)
    for cond, choice in reversed(list(zip(conds, choices))):
        out[np.asarray(cond, dtype=bool)] = choice
    return out


def load_config(path=None, workspace=None) -> dict:
    """``config/permenpanrb_2022.toml`` overlaid by ``WORKSPACE/permenpanrb_2022.toml`` and then ``path``."""
    return _load_named_config(CONFIG_NAME, workspace, path)


def config(workspace=None, path=None) -> dict:
    """Same as :func:`load_config` (older argument order)."""
    return load_config(path, workspace)


# --------------------------------------------------------------------------- primitives

def predikat(rating_hasil_kerja, rating_perilaku) -> str:
    """Predikat kinerja pegawai from the two ratings, by the Kuadran Kinerja Pegawai.

    Accepts codes (``di_atas``, ``sesuai``, ``di_bawah``) or labels (``Di Atas Ekspektasi`` ...),
    case-insensitively. Returns one of labels.PREDIKAT.
    """
    return KUADRAN[(labels.rating_code(rating_hasil_kerja), labels.rating_code(rating_perilaku))]


def kategori_rhk(capaian_rhk, cfg: dict | None = None):
    """Classify RHK capaian (%) as di_atas / sesuai / di_bawah (vectorised; NaN stays NaN)."""
    u = (cfg or config())["usulan_hasil_kerja"]
    c = np.asarray(capaian_rhk, dtype=float)
    out = np.where(c >= u["batas_di_atas"], "di_atas", np.where(c >= u["batas_sesuai"], "sesuai", "di_bawah"))
    return np.where(np.isnan(c), None, out).astype(object)


def usulan_rating_hasil_kerja(jumlah_rhk, di_atas, di_bawah, utama, utama_di_bawah, cfg: dict | None = None):
    """Suggested rating hasil kerja from RHK counts (vectorised). Returns (codes, reason keys)."""
    u = (cfg or config())["usulan_hasil_kerja"]
    n = np.asarray(jumlah_rhk, dtype=float)
    atas, bawah = np.asarray(di_atas, dtype=float), np.asarray(di_bawah, dtype=float)
    ut, ut_bawah = np.asarray(utama, dtype=float), np.asarray(utama_di_bawah, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share_bawah, share_atas = bawah / n, atas / n
        share_ut_bawah = np.where(ut > 0, ut_bawah / np.where(ut > 0, ut, 1), 0.0)
    conds = [n == 0, share_bawah > u["porsi_sebagian_besar"], share_ut_bawah > u["porsi_utama_di_bawah_maks"],
             (share_atas > u["porsi_sebagian_besar"]) & (ut_bawah == 0)]
    codes = _select(conds, [None, "di_bawah", "di_bawah", "di_atas"], "sesuai", len(n))
    reasons = _select(conds, ["tanpa_rhk", "mayoritas_di_bawah", "utama_di_bawah", "mayoritas_di_atas"],
                      "umumnya_sesuai", len(n))
    return codes, reasons


def usulan_rating_perilaku(di_atas, di_bawah, dinilai, cfg: dict | None = None):
    """Suggested rating perilaku from the counts of BerAKHLAK values rated di atas / di bawah."""
    u = (cfg or config())["usulan_perilaku"]
    atas, bawah, n = (np.asarray(x, dtype=float) for x in (di_atas, di_bawah, dinilai))
    return _select([n == 0, bawah >= u["min_di_bawah"], (atas >= u["min_di_atas"]) & (bawah == 0)],
                   [None, "di_bawah", "di_atas"], "sesuai", len(n))


def aturan_kurva(capaian_organisasi: str, jumlah_per_predikat: Mapping[str, int] | None = None,
                 cfg: dict | None = None) -> list[dict]:
    """The distribution rules (kurva) for a capaian organisasi, checked against a unit's predikat mix.

    THE kurva rule: :func:`cek_kurva`, the report's kurva chart and the teaching apps all use it.
    One dict per limit (a config rule with both ``min`` and ``maks`` gives two): ``aturan`` (index of
    the config rule), ``predikat`` (tuple of labels), ``jenis`` (maks/min/ada), ``batas`` (fraction,
    None for ada), ``teks`` (the limit in words, e.g. "paling banyak 70%"), ``jumlah``, ``total``,
    ``porsi`` (the unit's share), ``dilanggar`` (never with no pegawai) and ``pesan`` (the Bahasa
    Indonesia sentence for a broken limit, else ""). The percentages come from configuration
    (SE MenPANRB 3/2023, secondary source).
    """
    capaian = labels.capaian_organisasi_label(capaian_organisasi)
    counts = {p: 0 for p in labels.PREDIKAT}
    for k, v in (jumlah_per_predikat or {}).items():
        counts[labels.predikat_label(k)] += int(v)
    total = sum(counts.values())
    out = []
    for i, rule in enumerate((cfg or config())["kurva"][capaian]):
        group = tuple(labels.predikat_label(p) for p in rule["predikat"])
        n = sum(counts[p] for p in group)
        share = n / total if total else 0.0
        names = " dan/atau ".join(group)
        now = f"sekarang {_pct(share)} ({n} dari {total} pegawai)"
        for jenis in ("maks", "min", "ada"):
            if jenis not in rule or (jenis == "ada" and not rule["ada"]):
                continue
            batas = float(rule[jenis]) if jenis != "ada" else None
            if jenis == "maks":
                teks = "tidak boleh ada" if batas == 0 else f"paling banyak {_pct(batas)}"
                broken = share > batas + 1e-12
                pesan = f"Capaian organisasi {capaian}: predikat {names} {teks}, {now}."
            elif jenis == "min":
                teks = f"paling sedikit {_pct(batas)}"
                broken = share < batas - 1e-12
                pesan = f"Capaian organisasi {capaian}: predikat {names} {teks}, {now}."
            else:
                teks = "harus ada"
                broken = n == 0
                pesan = f"Capaian organisasi {capaian}: harus ada pegawai dengan predikat {names}, sekarang tidak ada."
            broken = bool(total) and bool(broken)
            out.append({"aturan": i, "predikat": group, "jenis": jenis, "batas": batas, "teks": teks, "jumlah": n,
                        "total": total, "porsi": share, "dilanggar": broken, "pesan": pesan if broken else ""})
    return out


def cek_kurva(jumlah_per_predikat: Mapping[str, int], capaian_organisasi: str, cfg: dict | None = None) -> list[str]:
    """Check a unit's predikat mix against the distribution rules for its capaian organisasi.

    Returns an empty list when every rule holds (or the unit has no pegawai), else one Bahasa
    Indonesia sentence per limit broken (see :func:`aturan_kurva`).
    """
    return [r["pesan"] for r in aturan_kurva(capaian_organisasi, jumlah_per_predikat, cfg) if r["dilanggar"]]


def _pct(x: float) -> str:
    return persen_pecahan(x)


# --------------------------------------------------------------------------- vectorised

def capaian_per_indikator(data: PeriodeData) -> pd.DataFrame:
    """data.indikator plus ``capaian`` (%) per indikator (0 where no realisasi was reported)."""
    return hitung_capaian(data.indikator)


def hitung_capaian(indikator: pd.DataFrame) -> pd.DataFrame:
    """``indikator`` (columns target_periode, realisasi, arah) plus ``capaian`` (%), rule 1."""
    ind = indikator.copy()
    cap = capaian_indikator(ind["target_periode"], ind["realisasi"], ind["arah"])
    ind["capaian"] = np.where(np.isnan(cap), 0.0, cap)
    return ind


def capaian_per_rhk(data: PeriodeData, ind: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (nip, rhk_id): jenis, rhk text, capaian_rhk (%), kategori (di_atas/sesuai/di_bawah)."""
    return rekap_rhk(capaian_per_indikator(data) if ind is None else ind, data.config)


def rekap_rhk(ind: pd.DataFrame, cfg: dict | None = None) -> pd.DataFrame:
    """Rules 2-3 on indikator rows with ``capaian`` (:func:`hitung_capaian`): one row per (nip, rhk_id)
    with jenis, rhk, capaian_rhk (bobot-weighted mean), indikator_tanpa_realisasi and kategori."""
    w = ind["bobot"].astype(float).fillna(1.0)
    tmp = pd.DataFrame({"nip": ind["nip"], "rhk_id": ind["rhk_id"], "wc": w * ind["capaian"], "w": w,
                        "tanpa": ind["realisasi"].isna()})
    g = tmp.groupby(["nip", "rhk_id"], sort=False)
    rhk = ind.drop_duplicates(["nip", "rhk_id"])[["nip", "rhk_id", "rhk", "jenis"]].set_index(["nip", "rhk_id"])
    sums = g[["wc", "w"]].sum()
    # an RHK whose bobot are all 0 has nothing to weigh: capaian 0
    rhk["capaian_rhk"] = np.where(sums["w"] > 0, sums["wc"] / sums["w"].where(sums["w"] > 0, 1), 0.0)
    rhk["indikator_tanpa_realisasi"] = g["tanpa"].sum()
    rhk["kategori"] = kategori_rhk(rhk["capaian_rhk"], cfg)
    return rhk.reset_index()


def score(data: PeriodeData, config: dict | None = None) -> pd.DataFrame:
    """Score every pegawai of the periode. One row per pegawai (see the module docstring)."""
    cfg = config or data.config
    peg = data.pegawai
    out = peg[["nip", "nama", "unit", "jabatan", "jenis_jabatan", "nip_atasan"]].copy()

    ind = capaian_per_indikator(data)
    rhk = capaian_per_rhk(data, ind)
    rhk["_atas"] = rhk["kategori"] == "di_atas"
    rhk["_bawah"] = rhk["kategori"] == "di_bawah"
    rhk["_utama"] = rhk["jenis"] == "utama"
    rhk["_ut_bawah"] = rhk["_utama"] & rhk["_bawah"]
    g = rhk.groupby("nip", sort=False)
    agg = pd.DataFrame({
        "jumlah_rhk": g.size(), "rhk_di_atas": g["_atas"].sum(), "rhk_di_bawah": g["_bawah"].sum(),
        "rhk_utama": g["_utama"].sum(), "rhk_utama_di_bawah": g["_ut_bawah"].sum(),
        "indikator_tanpa_realisasi": g["indikator_tanpa_realisasi"].sum(), "capaian_rata": g["capaian_rhk"].mean(),
    }).reindex(out.index)
    agg["jumlah_indikator"] = ind.groupby("nip", sort=False).size().reindex(out.index)
    counts = ["jumlah_rhk", "rhk_di_atas", "rhk_di_bawah", "rhk_utama", "rhk_utama_di_bawah", "indikator_tanpa_realisasi",
              "jumlah_indikator"]
    agg[counts] = agg[counts].fillna(0).astype(int)
    out = out.join(agg)
    out["rhk_sesuai"] = out["jumlah_rhk"] - out["rhk_di_atas"] - out["rhk_di_bawah"]
    belum = (out["jumlah_indikator"] > 0) & (out["indikator_tanpa_realisasi"] == out["jumlah_indikator"])
    out["belum_ada_realisasi"] = belum
    out["capaian_rata"] = out["capaian_rata"].where(~belum)

    codes, reasons = usulan_rating_hasil_kerja(out["jumlah_rhk"], out["rhk_di_atas"], out["rhk_di_bawah"],
                                               out["rhk_utama"], out["rhk_utama_di_bawah"], cfg)
    codes = np.where(belum, None, codes).astype(object)
    reasons = np.where(belum, "belum_realisasi", reasons).astype(object)
    out["kepala_unit"] = peg["kepala_unit"].to_numpy()
    cap_org = data.organisasi["capaian"] if "capaian" in data.organisasi.columns else pd.Series(dtype=object)
    out["capaian_organisasi"] = out["unit"].map(cap_org)
    u = cfg["usulan_hasil_kerja"]
    if u.get("kepala_unit_ikut_capaian_organisasi", False):
        head = out["kepala_unit"].to_numpy() & out["capaian_organisasi"].notna().to_numpy()
        codes = np.where(head, out["capaian_organisasi"].map(u["dari_capaian_organisasi"]), codes).astype(object)
        reasons = np.where(head, "kepala_unit", reasons).astype(object)
    out["usulan_hasil_kerja"] = codes
    out["alasan_usulan_hasil_kerja"] = pd.Series(reasons, index=out.index).map(ALASAN_HK)

    per = data.perilaku
    per = per[per["aspek"].isin(labels.BERAKHLAK) & per["rating"].notna()]
    gp = per.assign(_a=per["rating"] == "di_atas", _b=per["rating"] == "di_bawah").groupby("nip", sort=False)
    pagg = pd.DataFrame({"perilaku_dinilai": gp.size(), "perilaku_di_atas": gp["_a"].sum(),
                         "perilaku_di_bawah": gp["_b"].sum()}).reindex(out.index).fillna(0).astype(int)
    out = out.join(pagg)
    out["usulan_perilaku"] = usulan_rating_perilaku(out["perilaku_di_atas"], out["perilaku_di_bawah"],
                                                    out["perilaku_dinilai"], cfg)

    pen = data.penilaian.reindex(out.index)
    for col in ("rating_hasil_kerja", "rating_perilaku", "alasan", "catatan"):
        if col not in pen.columns:
            pen[col] = np.nan
    final_hk = pen["rating_hasil_kerja"].where(pen["rating_hasil_kerja"].notna(), out["usulan_hasil_kerja"])
    final_pk = pen["rating_perilaku"].where(pen["rating_perilaku"].notna(), out["usulan_perilaku"])
    out["rating_hasil_kerja"] = final_hk
    out["rating_perilaku"] = final_pk
    out["override_hasil_kerja"] = (pen["rating_hasil_kerja"].notna() & (pen["rating_hasil_kerja"] != out["usulan_hasil_kerja"]))
    out["override_perilaku"] = (pen["rating_perilaku"].notna() & (pen["rating_perilaku"] != out["usulan_perilaku"]))
    out["alasan"] = pen["alasan"]
    out["catatan"] = pen["catatan"]
    both_final = pen["rating_hasil_kerja"].notna() & pen["rating_perilaku"].notna()
    out["status"] = np.where(both_final, "final", "usulan")
    key = final_hk.astype(object).fillna("") + "|" + final_pk.astype(object).fillna("")
    out["predikat"] = key.map({f"{h}|{p}": v for (h, p), v in KUADRAN.items()})
    out["nilai"] = out["capaian_rata"]
    return out.reset_index(drop=True)


def kurva_per_unit(scores: pd.DataFrame, organisasi: pd.DataFrame, cfg: dict | None = None) -> pd.DataFrame:
    """Per unit: capaian organisasi, count per predikat, and the cek_kurva messages."""
    counts = (scores.dropna(subset=["predikat"]).groupby(["unit", "predikat"]).size().unstack(fill_value=0)
              .reindex(columns=list(labels.PREDIKAT), fill_value=0))
    units = sorted(set(scores["unit"]))
    counts = counts.reindex(units, fill_value=0)
    cap = organisasi["capaian"] if "capaian" in organisasi.columns else pd.Series(dtype=object)
    rows = []
    for unit, row in counts.iterrows():
        c = cap.get(unit)
        pesan = cek_kurva(row.to_dict(), c, cfg) if isinstance(c, str) else []
        rows.append({"unit": unit, "capaian_organisasi": c, **row.to_dict(), "jumlah": int(row.sum()),
                     "sesuai_kurva": not pesan, "pesan": pesan})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- explain

def explain(data: PeriodeData, nip: str, config: dict | None = None) -> Explanation:
    """The steps behind one pegawai's result; numbers equal those of :func:`score`."""
    one = subset(data, [nip])
    if one.pegawai.empty:
        raise KeyError(f"NIP {nip} tidak ada pada data periode {data.periode.kode}")
    return explain_many(one, config)[nip]


def explain_many(data: PeriodeData, config: dict | None = None) -> dict[str, Explanation]:
    """:func:`explain` for every pegawai of ``data`` (restrict it with ``dataset.subset``), scoring
    once instead of once per pegawai; batch reports use this."""
    cfg = config or data.config
    ind = capaian_per_indikator(data)
    rhk = capaian_per_rhk(data, ind)
    sc = score(data, cfg).set_index("nip", drop=False)
    ind_by, rhk_by = dict(list(ind.groupby("nip", sort=False))), dict(list(rhk.groupby("nip", sort=False)))
    empty_ind, empty_rhk = ind.iloc[:0], rhk.iloc[:0]
    return {nip: _explain_one(data, nip, ind_by.get(nip, empty_ind), rhk_by.get(nip, empty_rhk), sc.loc[nip], cfg)
            for nip in sc.index}


def _explain_one(data: PeriodeData, nip: str, ind: pd.DataFrame, rhk: pd.DataFrame, row, cfg: dict) -> Explanation:
    ex = Explanation(TITLE, nip, data.periode.kode)
    u = cfg["usulan_hasil_kerja"]
    if bool(row.belum_ada_realisasi):
        ex.add("Realisasi periode ini", "belum satu pun indikator diisi realisasinya: capaian dan usulan rating "
               "hasil kerja belum dihitung (bukan dianggap 0)",
               {"jumlah_indikator": int(row.jumlah_indikator), "tanpa_realisasi": int(row.indikator_tanpa_realisasi)},
               BELUM_ADA_REALISASI, key="status_realisasi")
        ind, rhk = ind.iloc[:0], rhk.iloc[:0]
    for r in ind.itertuples():
        naik = r.arah != "turun"
        ex.add(f"Capaian indikator {r.rhk_id}/{r.iki_id}: {r.indikator}",
               "capaian = realisasi / target x 100%" if naik else "capaian = (2 - realisasi / target) x 100%",
               {"target": float(r.target_periode), "realisasi": float(r.realisasi) if r.realisasi == r.realisasi else 0.0},
               float(r.capaian), key=f"capaian:{r.rhk_id}/{r.iki_id}")
    for r in rhk.itertuples():
        ex.add(f"Capaian RHK {r.rhk_id} ({r.jenis}): {r.rhk}",
               f"rata-rata capaian indikator; di atas bila >= {format_value(u['batas_di_atas'])}%, "
               f"sesuai bila >= {format_value(u['batas_sesuai'])}%",
               {"capaian_rhk": float(r.capaian_rhk)}, labels.RATING_LABEL.get(r.kategori, "-"),
               key=f"capaian_rhk:{r.rhk_id}")
    ex.add("Rekap RHK", "jumlah RHK per kategori",
           {"jumlah_rhk": int(row.jumlah_rhk), "di_atas": int(row.rhk_di_atas), "sesuai": int(row.rhk_sesuai),
            "di_bawah": int(row.rhk_di_bawah), "utama": int(row.rhk_utama),
            "utama_di_bawah": int(row.rhk_utama_di_bawah)},
           float(row.capaian_rata) if row.capaian_rata == row.capaian_rata else float("nan"), key="rekap_rhk")
    ex.add("Usulan rating hasil kerja", row.alasan_usulan_hasil_kerja,
           {"kepala_unit": bool(row.kepala_unit), "capaian_organisasi": row.capaian_organisasi
            if isinstance(row.capaian_organisasi, str) else "-"},
           labels.RATING_LABEL.get(row.usulan_hasil_kerja, "-"),
           "PermenPANRB 6/2022, Lampiran hlm. 97-98 (panduan); ambang batas: konfigurasi kinerja",
           key="usulan_hasil_kerja")
    ex.add("Usulan rating perilaku kerja",
           f"di bawah bila >= {cfg['usulan_perilaku']['min_di_bawah']} nilai BerAKHLAK di bawah ekspektasi; "
           f"di atas bila >= {cfg['usulan_perilaku']['min_di_atas']} di atas ekspektasi dan tidak ada yang di bawah",
           {"dinilai": int(row.perilaku_dinilai), "di_atas": int(row.perilaku_di_atas),
            "di_bawah": int(row.perilaku_di_bawah)},
           labels.RATING_LABEL.get(row.usulan_perilaku, "-"), "PermenPANRB 6/2022, Lampiran hlm. 98-99 (panduan)",
           key="usulan_perilaku")
    for kind, name in (("hasil_kerja", "hasil kerja"), ("perilaku", "perilaku kerja")):
        final = row[f"rating_{kind}"]
        override = bool(row[f"override_{kind}"])
        ex.add(f"Rating {name} akhir", "ditetapkan Pejabat Penilai" + (" (berbeda dari usulan)" if override else ""),
               {"usulan": labels.RATING_LABEL.get(row[f"usulan_{kind}"], "-"),
                "alasan": row.alasan if override and isinstance(row.alasan, str) else "-"},
               labels.RATING_LABEL.get(final, "-"), key=f"rating_{kind}")
    ex.add("Predikat kinerja", "Kuadran Kinerja Pegawai: rating hasil kerja (sumbu y) x rating perilaku (sumbu x)",
           {"rating_hasil_kerja": labels.RATING_LABEL.get(row.rating_hasil_kerja, "-"),
            "rating_perilaku": labels.RATING_LABEL.get(row.rating_perilaku, "-")},
           row.predikat if isinstance(row.predikat, str) else "-", SUMBER_KUADRAN, key="predikat")
    return ex
