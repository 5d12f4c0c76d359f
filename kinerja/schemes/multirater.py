"""Umpan balik 360 derajat: multi-rater feedback on perilaku kerja (BerAKHLAK).

Who rates (``peran``): ``atasan``, ``rekan`` (rekan kerja), ``bawahan``, ``diri`` (the pegawai
themself, always shown as "diri sendiri") and ``masyarakat`` (service users, "pihak lain").

The question. For each of the seven BerAKHLAK values (:data:`kinerja.domain.labels.BERAKHLAK`, shown with
its three panduan perilaku) a rater answers one question on the scale 1-5
(``config/umpan_balik_360.toml`` [skala]):

    "Seberapa konsisten pegawai ini menunjukkan perilaku <nilai>?"
    1 Tidak pernah - 2 Jarang - 3 Kadang-kadang - 4 Sering (konsisten) - 5 Selalu dan menjadi teladan

plus an optional comment.

The rule. PermenPANRB 6/2022 (Pasal 18-19) lets the Pejabat Penilai take feedback from rekan,
bawahan and pihak lain but sets *no numbers*. Everything numeric here is configurable local policy:
role weights (default atasan 50 / rekan 30 / bawahan 20 / masyarakat 0), the minimum number of
raters per anonymous role (default 3), and the score thresholds of the suggestion.

Privacy (enforced here, so no report or widget can get it wrong):

* Rater identity (``penilai``) never appears in any aggregated output of :func:`agregasi_360`.
* An anonymous role (rekan, bawahan, masyarakat) is shown only when at least ``min_penilai`` raters
  of that role answered that value. Roles below the minimum are merged into one "gabungan" group;
  when the merged group is still below the minimum its answers are withheld and enter no score at
  all (so no shown number can be used to work a withheld answer back out). ``catatan`` says so.
* Comments are shown only for groups that are shown, without rater, in alphabetical order.

The result is a *suggestion*: a rating per BerAKHLAK value from the weighted score of others
(self excluded), and an overall rating perilaku from those seven ratings with the same rule as the
form's own suggestion (:func:`kinerja.schemes.permenpanrb_2022.usulan_rating_perilaku`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja.domain import labels
from kinerja.domain.format import angka_tetap
from kinerja.domain.config import load_config

from kinerja.domain.labels import PERAN, PERAN_ASN, PERAN_LABEL  # noqa: F401  (re-exported)
ASPEK = tuple(labels.BERAKHLAK)
PERTANYAAN = "Seberapa konsisten pegawai ini menunjukkan perilaku {nilai}?"
STATUS = ("ditampilkan", "digabung", "dirahasiakan")


def config(workspace=None, path=None) -> dict:
    """The 360 settings (``kinerja/config/umpan_balik_360.toml``, overridable per workspace)."""
    return load_config("umpan_balik_360", workspace, path)


def skala(cfg: dict | None = None) -> dict[int, str]:
    """The answer scale: score -> label, e.g. ``{1: 'Tidak pernah', ..., 5: 'Selalu ...'}``."""
    s = (cfg or config())["skala"]
    return {s["min"] + i: lab for i, lab in enumerate(s["label"])}


def pertanyaan(aspek: str) -> str:
    return PERTANYAAN.format(nilai=labels.BERAKHLAK_LABEL[aspek])


def _fmt(x: float) -> str:
    return angka_tetap(x, 1)


def usulan_nilai(skor, cfg: dict | None = None) -> np.ndarray:
    """Suggested rating code per BerAKHLAK value from the others' score (NaN -> None)."""
    u = (cfg or config())["usulan"]
    s = np.asarray(skor, dtype=float)
    out = np.where(s >= u["batas_di_atas"], "di_atas", np.where(s >= u["batas_sesuai"], "sesuai", "di_bawah"))
    return np.where(np.isnan(s), None, out).astype(object)


@dataclass
class Hasil360:
    """Aggregated 360 feedback. No frame here holds rater identity.

    * ``kelompok``: one row per (nip, aspek, kelompok) *shown*: kelompok is a role code or
      ``gabungan``; ``label``, ``jumlah_penilai``, ``skor`` (mean). Withheld groups are absent.
    * ``diri``: (nip, aspek, skor) self-ratings, labelled "diri sendiri".
    * ``nilai``: one row per (nip, aspek): ``skor_lainnya`` (weighted others), ``skor_diri``,
      ``selisih`` (diri - lainnya), ``usulan`` (rating code), ``jumlah_penilai`` (others shown).
    * ``usulan``: one row per nip: ``usulan_perilaku``, ``nilai_di_atas``, ``nilai_di_bawah``,
      ``nilai_dinilai``, ``jumlah_penilai``.
    * ``status_peran``: (nip, peran, status) with status ditampilkan / digabung / dirahasiakan.
    * ``komentar``: (nip, label, komentar) of shown groups only.
    * ``catatan``: nip -> list of sentences (Bahasa Indonesia) on merged/withheld groups.
    """

    kelompok: pd.DataFrame
    diri: pd.DataFrame
    nilai: pd.DataFrame
    usulan: pd.DataFrame
    status_peran: pd.DataFrame
    komentar: pd.DataFrame
    catatan: dict[str, list[str]] = field(default_factory=dict)
    config: dict = field(default_factory=dict)

    def pegawai(self, nip: str) -> dict:
        """Everything about one pegawai, ready for the form and the report (no rater identity)."""
        u = self.usulan[self.usulan["nip"] == nip]
        nilai = self.nilai[self.nilai["nip"] == nip].set_index("aspek").reindex(list(ASPEK))
        return {
            "nip": nip,
            "ada": bool(len(u)),
            "usulan_perilaku": (u["usulan_perilaku"].iat[0] if len(u) else None),
            "jumlah_penilai": int(u["jumlah_penilai"].iat[0]) if len(u) else 0,
            "nilai": nilai.reset_index().to_dict("records"),
            "kelompok": self.kelompok[self.kelompok["nip"] == nip].drop(columns="nip").to_dict("records"),
            "komentar": self.komentar[self.komentar["nip"] == nip].drop(columns="nip").to_dict("records"),
            "catatan": list(self.catatan.get(nip, [])),
            "selisih_terbesar": selisih_terbesar(self, nip),
        }


def _jawaban(jawaban: pd.DataFrame, periode=None) -> pd.DataFrame:
    j = jawaban
    if periode is not None and "periode" in j.columns:
        from kinerja.domain.periode import normalise_periode

        j = j[j["periode"] == normalise_periode(periode)]
    j = j[j["skor"].notna() & j["aspek"].isin(ASPEK) & j["peran"].isin(PERAN)]
    cols = ["nip", "penilai", "peran", "aspek", "skor"] + (["komentar"] if "komentar" in j.columns else [])
    return j[cols].copy()


def agregasi_360(jawaban: pd.DataFrame, periode=None, cfg: dict | None = None) -> Hasil360:
    """Aggregate 360 answers (the ``umpan_balik_360`` frame) of one periode. See the module doc."""
    cfg = cfg or config()
    minimum = int(cfg["privasi"]["min_penilai"])
    anonim = set(cfg["privasi"]["peran_anonim"])
    bobot = {k: float(v) for k, v in cfg["bobot_peran"].items()}
    j = _jawaban(jawaban, periode)

    diri = (j[j["peran"] == "diri"].groupby(["nip", "aspek"], sort=True)["skor"].mean()
            .rename("skor").reset_index())
    lain = j[j["peran"] != "diri"]

    # per (nip, peran): distinct raters; anonymous roles below the minimum are merged per nip
    n_peran = lain.groupby(["nip", "peran"])["penilai"].nunique().rename("n").reset_index()
    n_peran["anonim"] = n_peran["peran"].isin(anonim)
    n_peran["kurang"] = n_peran["anonim"] & (n_peran["n"] < minimum)
    merged_n = n_peran[n_peran["kurang"]].groupby("nip")["n"].sum()
    n_peran["status"] = np.where(~n_peran["kurang"], "ditampilkan",
                                 np.where(n_peran["nip"].map(merged_n).fillna(0) >= minimum,
                                          "digabung", "dirahasiakan"))
    st = lain[["nip", "peran"]].merge(n_peran[["nip", "peran", "status"]], on=["nip", "peran"], how="left")["status"]
    st = st.to_numpy()
    lain = lain.assign(kelompok=np.where(st == "digabung", "gabungan", lain["peran"]), _status=st)
    lain = lain[lain["_status"] != "dirahasiakan"]

    g = lain.groupby(["nip", "aspek", "kelompok"], sort=True)
    kel = g.agg(jumlah_penilai=("penilai", "nunique"), skor=("skor", "mean")).reset_index()
    # per-value privacy: an anonymous group with fewer raters on one value is withheld for that value
    kel_anonim = kel["kelompok"].isin(anonim | {"gabungan"})
    kel = kel[~(kel_anonim & (kel["jumlah_penilai"] < minimum))].reset_index(drop=True)
    merged_roles = (n_peran[n_peran["status"] == "digabung"].groupby("nip")["peran"]
                    .agg(lambda x: sorted(x, key=PERAN.index)))
    kel["bobot"] = [sum(bobot.get(r, 0.0) for r in merged_roles.get(n, [])) if k == "gabungan"
                    else bobot.get(k, 0.0) for n, k in zip(kel["nip"], kel["kelompok"])]
    kel["label"] = [("gabungan (" + " + ".join(PERAN_LABEL[r] for r in merged_roles.get(n, [])) + ")")
                    if k == "gabungan" else PERAN_LABEL[k] for n, k in zip(kel["nip"], kel["kelompok"])]

    w = kel[kel["bobot"] > 0]
    agg = (w.assign(ws=w["bobot"] * w["skor"]).groupby(["nip", "aspek"])
           .agg(ws=("ws", "sum"), w=("bobot", "sum"), jumlah_penilai=("jumlah_penilai", "sum")))
    agg["skor_lainnya"] = agg["ws"] / agg["w"]
    keys = pd.concat([kel[["nip", "aspek"]], diri[["nip", "aspek"]]]).drop_duplicates()
    nilai = keys.merge(agg[["skor_lainnya", "jumlah_penilai"]].reset_index(), on=["nip", "aspek"], how="left")
    nilai = nilai.merge(diri.rename(columns={"skor": "skor_diri"}), on=["nip", "aspek"], how="left")
    nilai["jumlah_penilai"] = nilai["jumlah_penilai"].fillna(0).astype(int)
    nilai["selisih"] = nilai["skor_diri"] - nilai["skor_lainnya"]
    nilai["usulan"] = usulan_nilai(nilai["skor_lainnya"], cfg)
    order = {a: i for i, a in enumerate(ASPEK)}
    nilai = (nilai.assign(_o=nilai["aspek"].map(order)).sort_values(["nip", "_o"]).drop(columns="_o")
             .reset_index(drop=True))

    from kinerja.schemes import permenpanrb_2022 as s22

    s = nilai[nilai["usulan"].notna()]
    gu = s.assign(_a=s["usulan"] == "di_atas", _b=s["usulan"] == "di_bawah").groupby("nip")
    nips = pd.Index(sorted(set(nilai["nip"])), name="nip")
    us = pd.DataFrame({"nilai_dinilai": gu.size(), "nilai_di_atas": gu["_a"].sum(),
                       "nilai_di_bawah": gu["_b"].sum()}).reindex(nips).fillna(0).astype(int)
    us["usulan_perilaku"] = s22.usulan_rating_perilaku(us["nilai_di_atas"], us["nilai_di_bawah"],
                                                       us["nilai_dinilai"])
    us["jumlah_penilai"] = (lain[lain["kelompok"].isin(kel["kelompok"].unique())]
                            .groupby("nip")["penilai"].nunique().reindex(nips).fillna(0).astype(int))
    us = us.reset_index()

    komentar = pd.DataFrame(columns=["nip", "label", "komentar"])
    if "komentar" in lain.columns:
        k = lain[lain["komentar"].notna() & (lain["komentar"].astype(str).str.strip() != "")]
        shown = kel[["nip", "aspek", "kelompok", "label"]]
        k = k.merge(shown, on=["nip", "aspek", "kelompok"], how="inner")
        komentar = (k[["nip", "label", "komentar"]].drop_duplicates()
                    .sort_values(["nip", "label", "komentar"]).reset_index(drop=True))
    if "komentar" in j.columns:  # the pegawai's own comments (not anonymous)
        d = j[(j["peran"] == "diri") & j["komentar"].notna() & (j["komentar"].astype(str).str.strip() != "")]
        komentar = pd.concat([komentar, d.assign(label=PERAN_LABEL["diri"])[["nip", "label", "komentar"]]
                              .drop_duplicates()], ignore_index=True)

    catatan: dict[str, list[str]] = {}
    flagged = n_peran[n_peran["status"] != "ditampilkan"]
    flagged = flagged.assign(_o=flagged["peran"].map(PERAN.index)).sort_values(["nip", "_o"])
    fg = flagged.groupby("nip", sort=True).agg(peran=("peran", list), status=("status", list))
    for nip, peran_list, status_list in zip(fg.index, fg["peran"], fg["status"]):
        msgs = []
        dig = [PERAN_LABEL[r] for r, s_ in zip(peran_list, status_list) if s_ == "digabung"]
        rah = [PERAN_LABEL[r] for r, s_ in zip(peran_list, status_list) if s_ == "dirahasiakan"]
        if dig:
            msgs.append(f"Penilaian dari {' dan '.join(dig)} masing-masing kurang dari {minimum} penilai, "
                        f"sehingga ditampilkan sebagai satu kelompok gabungan.")
        if rah:
            msgs.append(f"Penilaian dari {' dan '.join(rah)} tidak ditampilkan dan tidak dihitung karena "
                        f"kurang dari {minimum} penilai (menjaga kerahasiaan penilai).")
        if msgs:
            catatan[str(nip)] = msgs
    hidden_cells = (lain.groupby(["nip", "aspek", "kelompok"])["penilai"].nunique().reset_index())
    hidden_cells = hidden_cells[hidden_cells["kelompok"].isin(anonim | {"gabungan"})
                                & (hidden_cells["penilai"] < minimum)]
    for nip, grp in hidden_cells.groupby("nip"):
        nama = ", ".join(labels.BERAKHLAK_LABEL[a] for a in dict.fromkeys(grp["aspek"]))
        catatan.setdefault(str(nip), []).append(
            f"Untuk nilai {nama}, sebagian kelompok penilai tidak ditampilkan karena kurang dari "
            f"{minimum} penilai menjawab nilai tersebut.")

    status_peran = n_peran[["nip", "peran", "status"]].reset_index(drop=True)
    kel = kel[["nip", "aspek", "kelompok", "label", "jumlah_penilai", "skor", "bobot"]]
    return Hasil360(kel, diri, nilai, us, status_peran, komentar, catatan, cfg)


def selisih_terbesar(hasil: Hasil360, nip: str, n: int | None = None) -> list[str]:
    """The largest self-vs-others gaps of one pegawai, in words (Bahasa Indonesia)."""
    n = n or int(hasil.config.get("usulan", {}).get("jumlah_selisih_terbesar", 3)) if hasil.config else (n or 3)
    v = hasil.nilai[(hasil.nilai["nip"] == nip) & hasil.nilai["selisih"].notna()]
    v = v.reindex(v["selisih"].abs().sort_values(ascending=False).index).head(n)
    out = []
    for r in v.itertuples():
        nama = labels.BERAKHLAK_LABEL[r.aspek]
        if abs(r.selisih) < 0.05:
            out.append(f"{nama}: penilaian diri sendiri ({_fmt(r.skor_diri)}) sama dengan penilaian orang lain "
                       f"({_fmt(r.skor_lainnya)}).")
            continue
        arah = "lebih tinggi" if r.selisih > 0 else "lebih rendah"
        out.append(f"{nama}: penilaian diri sendiri {_fmt(r.skor_diri)}, penilaian orang lain "
                   f"{_fmt(r.skor_lainnya)}; diri sendiri menilai {_fmt(abs(r.selisih))} poin {arah}.")
    return out


def tabel_unit(hasil: Hasil360, pegawai: pd.DataFrame, unit: str | None = None) -> pd.DataFrame:
    """Pegawai x BerAKHLAK value matrix of the others' score (for the unit heatmap). Rows are
    labelled with the pegawai's nama; only shown scores are used."""
    peg = pegawai if unit is None else pegawai[pegawai["unit"] == unit]
    m = hasil.nilai.pivot_table(index="nip", columns="aspek", values="skor_lainnya")
    m = m.reindex(index=list(peg["nip"]), columns=list(ASPEK))
    m.index = peg.set_index("nip")["nama"].reindex(m.index).fillna(pd.Series(m.index, index=m.index))
    m.columns = [labels.BERAKHLAK_LABEL[a] for a in m.columns]
    return m.dropna(how="all")


# ------------------------------------------------------------------ assignment and completeness

def buat_penugasan(ws, periode, cfg: dict | None = None, seed: int = 0) -> pd.DataFrame:
    """HR's rater assignment for every pegawai: the atasan, the pegawai themself, rekan (same atasan
    first, then the same unit) up to ``maks_rekan`` and at least ``min_rekan`` when the unit allows,
    and up to ``maks_bawahan`` direct bawahan. Columns: periode, nip, penilai, peran."""
    from kinerja.domain.periode import normalise_periode

    cfg = cfg or config()
    p = cfg["penugasan"]
    rng = np.random.default_rng(seed)
    kode = normalise_periode(periode)
    peg = ws.pegawai[["nip", "unit", "nip_atasan"]].drop_duplicates("nip")
    by_atasan = peg.groupby("nip_atasan")["nip"].agg(list).to_dict()
    by_unit = peg.groupby("unit")["nip"].agg(list).to_dict()
    rows = []
    for nip, unit, atasan in peg.itertuples(index=False):
        rows.append((nip, nip, "diri"))
        if isinstance(atasan, str) and atasan:
            rows.append((nip, atasan, "atasan"))
        bawahan = list(by_atasan.get(nip, []))
        rng.shuffle(bawahan)
        rows += [(nip, b, "bawahan") for b in bawahan[: p["maks_bawahan"]]]
        sib = [x for x in by_atasan.get(atasan, []) if x != nip] if isinstance(atasan, str) else []
        rng.shuffle(sib)
        rekan = sib[: p["maks_rekan"]]
        if len(rekan) < p["min_rekan"]:
            taken = set(rekan) | {nip, atasan} | set(by_atasan.get(nip, []))
            others = [x for x in by_unit.get(unit, []) if x not in taken]
            rng.shuffle(others)
            rekan += others[: p["min_rekan"] - len(rekan)]
        rows += [(nip, r, "rekan") for r in rekan]
    out = pd.DataFrame(rows, columns=["nip", "penilai", "peran"])
    out.insert(0, "periode", kode)
    return out


def periksa_penugasan(penugasan: pd.DataFrame, cfg: dict | None = None) -> list[str]:
    """Sentences (Bahasa Indonesia) naming pegawai with fewer rekan assigned than ``min_rekan``."""
    cfg = cfg or config()
    minimum = cfg["penugasan"]["min_rekan"]
    n = penugasan[penugasan["peran"] == "rekan"].groupby("nip")["penilai"].nunique()
    n = n.reindex(penugasan["nip"].unique()).fillna(0).astype(int)
    return [f"NIP {nip}: baru {k} rekan kerja ditugaskan, minimal {minimum}." for nip, k in n.items() if k < minimum]


def kelengkapan(penugasan: pd.DataFrame, jawaban: pd.DataFrame, periode=None) -> pd.DataFrame:
    """Completion per assignment: penugasan rows plus ``dijawab`` (values answered, 0-7) and
    ``status``: sudah (all seven values), sebagian, belum. For HR and the rater's own view only:
    it names raters, never their answers."""
    from kinerja.domain.periode import normalise_periode

    pen = penugasan
    jw = jawaban
    if periode is not None:
        kode = normalise_periode(periode)
        pen = pen[pen["periode"] == kode]
        jw = jw[jw["periode"] == kode]
    n = jw[jw["skor"].notna()].groupby(["periode", "nip", "penilai"])["aspek"].nunique().rename("dijawab")
    out = pen.merge(n.reset_index(), on=["periode", "nip", "penilai"], how="left")
    out["dijawab"] = out["dijawab"].fillna(0).astype(int)
    out["status"] = np.select([out["dijawab"] >= len(ASPEK), out["dijawab"] > 0], ["sudah", "sebagian"], "belum")
    return out.reset_index(drop=True)


def ringkasan_kelengkapan(penugasan: pd.DataFrame, jawaban: pd.DataFrame, periode=None) -> pd.DataFrame:
    """Per pegawai dinilai: ditugaskan, sudah, belum (counts; no names)."""
    k = kelengkapan(penugasan, jawaban, periode)
    g = k.assign(_s=k["status"] == "sudah").groupby("nip")
    out = pd.DataFrame({"ditugaskan": g.size(), "sudah": g["_s"].sum()})
    out["belum"] = out["ditugaskan"] - out["sudah"]
    out["persen"] = (100.0 * out["sudah"] / out["ditugaskan"]).round(1)
    return out.reset_index()


def belum_menjawab(penugasan: pd.DataFrame, jawaban: pd.DataFrame, pegawai: pd.DataFrame,
                   periode=None) -> pd.DataFrame:
    """Raters who still have questionnaires to fill in: penilai, nama, unit, jumlah (pegawai not yet
    fully rated). For HR and the unit summary ("siapa yang belum mengisi")."""
    k = kelengkapan(penugasan, jawaban, periode)
    k = k[k["status"] != "sudah"]
    n = k.groupby("penilai").size().rename("jumlah").reset_index()
    info = pegawai[["nip", "nama", "unit"]].drop_duplicates("nip").rename(columns={"nip": "penilai"})
    return n.merge(info, on="penilai", how="left")[["penilai", "nama", "unit", "jumlah"]] \
        .sort_values(["unit", "nama"], na_position="last").reset_index(drop=True)


# ------------------------------------------------------------------ sample data

_KOMENTAR = {
    "di_atas": ("Selalu sigap membantu rekan dan masyarakat.", "Menjadi contoh dalam kedisiplinan.",
                "Ide-idenya sering memperbaiki cara kerja tim."),
    "sesuai": ("Bekerja dengan baik dan dapat diandalkan.", "Komunikasi dengan tim lancar.", None, None),
    "di_bawah": ("Perlu lebih tepat waktu dalam menyelesaikan tugas.",
                 "Perlu lebih terbuka saat bekerja sama dengan unit lain.", None),
}


def sample_360(ws, seed: int = 2026, periode=None, cfg: dict | None = None,
               jawab: float = 0.85) -> dict[str, pd.DataFrame]:
    """Synthetic assignments and answers consistent with the workspace's own perilaku ratings.

    Returns ``{"penugasan_360": ..., "umpan_balik_360": ...}`` for the annual periode (default: the
    SKP year). A rater answers with probability ``jawab`` (so completion varies); self-ratings run
    a little high; pegawai of service units also get a few masyarakat answers.
    """
    cfg = cfg or config()
    rng = np.random.default_rng(seed)
    periode = str(periode or int(ws.skp["periode"].max()))
    pen = buat_penugasan(ws, periode, cfg, seed)
    per = ws.perilaku[(ws.perilaku["periode"] == periode) & ws.perilaku["aspek"].isin(ASPEK)]
    base = per.set_index(["nip", "aspek"])["rating"].map({"di_atas": 4.7, "sesuai": 4.0, "di_bawah": 2.8})
    bias = {"atasan": 0.0, "rekan": 0.1, "bawahan": 0.05, "diri": 0.5, "masyarakat": -0.1}
    lo, hi = cfg["skala"]["min"], cfg["skala"]["max"]

    raters = pen.copy()
    layanan = ws.pegawai.loc[ws.pegawai["unit"].str.contains("Pelayanan|Puskesmas|UPTD", regex=True), "nip"]
    masy = []
    for nip in layanan:
        for i in range(int(rng.integers(0, 5))):
            masy.append((periode, nip, f"M-{len(masy) + 1:04d}", "masyarakat"))
    raters = pd.concat([raters, pd.DataFrame(masy, columns=raters.columns)], ignore_index=True)
    p_answer = np.where(raters["peran"] == "atasan", 0.95, np.where(raters["peran"] == "masyarakat", 1.0, jawab))
    raters = raters[rng.random(len(raters)) < p_answer].reset_index(drop=True)
    leniency = rng.normal(0, 0.3, len(raters))

    n_a = len(ASPEK)
    rep = raters.loc[raters.index.repeat(n_a)].reset_index(drop=True)
    rep["aspek"] = np.tile(ASPEK, len(raters))
    b = pd.Series(list(zip(rep["nip"], rep["aspek"]))).map(base).fillna(4.0).to_numpy()
    z = b + rep["peran"].map(bias).to_numpy() + np.repeat(leniency, n_a) + rng.normal(0, 0.45, len(rep))
    rep["skor"] = np.clip(np.rint(z), lo, hi).astype(int)
    kode = pd.Series(list(zip(rep["nip"], rep["aspek"]))).map(per.set_index(["nip", "aspek"])["rating"])
    kom = []
    for k in kode.fillna("sesuai"):
        kom.append(_KOMENTAR[k][int(rng.integers(len(_KOMENTAR[k])))] if rng.random() < 0.08 else None)
    rep["komentar"] = kom
    jaw = rep[["periode", "nip", "penilai", "peran", "aspek", "skor", "komentar"]]
    return {"penugasan_360": pen, "umpan_balik_360": jaw}
