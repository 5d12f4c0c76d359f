"""Teaching logic for the sosialisasi notebooks (05 and 06): exercises that check themselves, a score
counter, "mode pelatih", and the computations behind every simulator.

Pure logic: no widgets, no matplotlib. The widget apps in :mod:`kinerja.ui.teach` call these
functions; the unit tests call them directly. Every number comes from the schemes
(:mod:`kinerja.schemes.permenpanrb_2022`, :mod:`kinerja.schemes.pp46_2011`, :mod:`kinerja.schemes.kpi`),
so what the workshop shows is what the toolkit computes.

Texts a participant reads are Bahasa Indonesia; hints name the rule and its page in the regulation
(``Lampiran hlm. NN`` = the page number printed in PermenPANRB 6/2022).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja.domain import labels
from kinerja.schemes.explain import format_value

# --------------------------------------------------------------------------------- sources
SUMBER_KUADRAN = "PermenPANRB 6/2022, Lampiran hlm. 99-100 (Kuadran Kinerja Pegawai)"
SUMBER_RATING_HK = "PermenPANRB 6/2022, Lampiran hlm. 97-98 (panduan rating hasil kerja)"
SUMBER_RATING_PK = "PermenPANRB 6/2022, Lampiran hlm. 98 (panduan rating perilaku kerja)"
SUMBER_KURVA = ("PermenPANRB 6/2022, Lampiran hlm. 94-97 (pola distribusi); angka persen dari "
                "SE MenPANRB 3/2023 (sumber sekunder)")
SUMBER_BERAKHLAK = "PermenPANRB 6/2022, Lampiran hlm. 29-30 (nilai dasar BerAKHLAK dan panduan perilaku)"
SUMBER_PP46 = "PP 46/2011 dan Perka BKN 1/2013"
SUMBER_KPI = "PP 30/2019 Pasal 41 (bentuk umum); konfigurasi KPI instansi"

RATING_PENDEK = {"di_atas": "di atas ekspektasi", "sesuai": "sesuai ekspektasi", "di_bawah": "di bawah ekspektasi"}
YA, TIDAK = "Ya, sesuai kurva", "Tidak sesuai kurva"


def _pct(x: float) -> str:
    return f"{format_value(round(float(x) * 100, 1))}%"


def _num(x: float, digits: int = 2) -> str:
    return format_value(round(float(x), digits))


# ============================================================================ exercises
@dataclass(frozen=True)
class Soal:
    """One exercise: a question with choices, the right answer, a hint and a confirmation."""

    id: str
    topik: str                       # short topic shown above the question, e.g. "Kuadran"
    pertanyaan: str
    pilihan: tuple[str, ...]
    jawaban: str                     # one of pilihan
    petunjuk: str                    # shown after a wrong answer: points to the rule
    penjelasan: str                  # shown after a right answer (and in mode pelatih)
    sumber: str = ""
    konteks: tuple[tuple[str, str], ...] = ()   # small (label, value) table shown with the question
    petunjuk_khusus: Mapping[str, str] = field(default_factory=dict)  # wrong choice -> tailored hint

    def __post_init__(self):
        if self.jawaban not in self.pilihan:
            raise ValueError(f"jawaban '{self.jawaban}' tidak ada di pilihan soal {self.id}")


@dataclass(frozen=True)
class Hasil:
    benar: bool
    pesan: str
    kosong: bool = False  # no choice made yet


def periksa(soal: Soal, pilihan: str | None) -> Hasil:
    """Check one answer. Wrong: the hint (tailored when the mistake is a known one). Right: a short
    confirmation."""
    if pilihan is None or pilihan == "":
        return Hasil(False, "Pilih salah satu jawaban terlebih dahulu.", kosong=True)
    if pilihan not in soal.pilihan:
        raise ValueError(f"'{pilihan}' bukan pilihan soal {soal.id}")
    if pilihan == soal.jawaban:
        return Hasil(True, f"Benar. {soal.penjelasan}")
    khusus = soal.petunjuk_khusus.get(pilihan)
    pesan = f"Belum tepat. {khusus} {soal.petunjuk}" if khusus else f"Belum tepat. {soal.petunjuk}"
    return Hasil(False, pesan)


class Skor:
    """Score counter across exercises. A soal counts as solved once it is answered right (retrying
    after a hint is encouraged); ``pertama`` counts soal solved on the first try."""

    def __init__(self, soal: Sequence[Soal]):
        self.soal = list(soal)
        self._ids = {s.id for s in self.soal}
        self.percobaan: dict[str, int] = {}
        self.selesai: set[str] = set()
        self.pertama: set[str] = set()

    def jawab(self, soal: Soal, pilihan: str | None) -> Hasil:
        if soal.id not in self._ids:
            raise KeyError(soal.id)
        hasil = periksa(soal, pilihan)
        if hasil.kosong:
            return hasil
        n = self.percobaan.get(soal.id, 0) + 1
        self.percobaan[soal.id] = n
        if hasil.benar and soal.id not in self.selesai:
            self.selesai.add(soal.id)
            if n == 1:
                self.pertama.add(soal.id)
        return hasil

    @property
    def benar(self) -> int:
        return len(self.selesai)

    @property
    def dijawab(self) -> int:
        return len(self.percobaan)

    @property
    def total(self) -> int:
        return len(self.soal)

    def teks(self) -> str:
        return f"Skor: {self.benar} dari {self.total} soal benar"

    def rincian(self) -> str:
        return f"{self.dijawab} soal sudah dicoba, {len(self.pertama)} langsung benar"

    def reset(self) -> None:
        self.percobaan.clear()
        self.selesai.clear()
        self.pertama.clear()


class Latihan:
    """A set of soal with a score counter and the "mode pelatih" switch (reveals every answer)."""

    def __init__(self, soal: Sequence[Soal], judul: str = "Latihan"):
        self.judul = judul
        self.soal = list(soal)
        self.skor = Skor(self.soal)
        self.mode_pelatih = False

    def jawab(self, nomor: int, pilihan: str | None) -> Hasil:
        return self.skor.jawab(self.soal[nomor], pilihan)

    def kunci(self) -> list[dict]:
        """The answer key; empty unless mode pelatih is on."""
        return kunci_jawaban(self.soal) if self.mode_pelatih else []


def kunci_jawaban(soal: Iterable[Soal]) -> list[dict]:
    return [{"no": i, "topik": s.topik, "pertanyaan": s.pertanyaan, "jawaban": s.jawaban,
             "penjelasan": s.penjelasan, "sumber": s.sumber} for i, s in enumerate(soal, 1)]


# ------------------------------------------------------------------ exercise generators: 2022
def soal_predikat(rating_hasil_kerja: str, rating_perilaku: str, nama: str | None = None, id: str | None = None) -> Soal:
    """"Hasil kerja X, perilaku Y: apa predikatnya?" (Kuadran Kinerja Pegawai)."""
    from kinerja.schemes import permenpanrb_2022 as s22

    hk, pk = labels.rating_code(rating_hasil_kerja), labels.rating_code(rating_perilaku)
    benar = s22.predikat(hk, pk)
    siapa = f"{nama}: hasil" if nama else "Hasil"
    pertanyaan = (f"{siapa} kerja {RATING_PENDEK[hk]}, perilaku kerja {RATING_PENDEK[pk]}. "
                  "Apa predikat kinerjanya?")
    khusus = {}
    tukar = s22.predikat(pk, hk)
    if tukar != benar:
        khusus[tukar] = ("Itu predikat bila kedua rating ditukar: hasil kerja ada di sumbu tegak (y), "
                         "perilaku kerja di sumbu datar (x).")
    if pk == "di_bawah" and hk != "di_bawah":
        for p in (labels.BAIK, labels.SANGAT_BAIK, labels.BUTUH_PERBAIKAN):
            khusus.setdefault(p, "Perilaku kerja di bawah ekspektasi tidak bisa ditutup oleh hasil kerja yang baik.")
    petunjuk = (f"Lihat Kuadran Kinerja Pegawai (Lampiran hlm. 99): cari baris hasil kerja "
                f"\"{labels.RATING_LABEL[hk]}\" lalu kolom perilaku kerja \"{labels.RATING_LABEL[pk]}\".")
    penjelasan = (f"Predikatnya {benar}. Menurut Lampiran hlm. 99-100: "
                  f"\"{_penjelasan_satu(hk, pk)}\"")
    return Soal(id or f"predikat-{hk}-{pk}", "Kuadran kinerja", pertanyaan, tuple(labels.PREDIKAT), benar, petunjuk,
                penjelasan, SUMBER_KUADRAN, petunjuk_khusus=khusus)


def _penjelasan_satu(hk: str, pk: str) -> str:
    """The regulation's sentence for exactly this cell (Lampiran hlm. 99-100 wording)."""
    kata = {"di_atas": "diatas ekspektasi", "sesuai": "sesuai ekspektasi", "di_bawah": "dibawah ekspektasi"}
    return f"Hasil kerja pegawai {kata[hk]} dan perilaku kerja pegawai {kata[pk]}."


def soal_kurva(jumlah_per_predikat: Mapping[str, int], capaian_organisasi: str, unit: str | None = None,
               id: str | None = None, cfg: dict | None = None) -> Soal:
    """"Apakah distribusi unit ini sesuai kurva?" with the unit's count per predikat."""
    from kinerja.schemes import permenpanrb_2022 as s22

    cap = labels.capaian_organisasi_label(capaian_organisasi)
    counts = {p: int(jumlah_per_predikat.get(p, 0)) for p in labels.PREDIKAT}
    pesan = s22.cek_kurva(counts, cap, cfg)
    total = sum(counts.values())
    nama = f"Unit \"{unit}\"" if unit else "Sebuah unit"
    pertanyaan = (f"{nama} mendapat capaian kinerja organisasi \"{cap}\" dan berisi {total} pegawai. "
                  "Apakah distribusi predikatnya sesuai kurva?")
    konteks = tuple((p, f"{n} pegawai ({_pct(n / total) if total else '0%'})") for p, n in counts.items())
    aturan = "; ".join(r["teks"] for r in batas_kurva(cap, cfg))
    petunjuk = (f"Untuk capaian organisasi \"{cap}\" aturannya: {aturan}. Hitung persentase tiap predikat "
                "lalu bandingkan dengan batasnya (Lampiran hlm. 94-97; angka dari SE MenPANRB 3/2023).")
    if pesan:
        penjelasan = "Tidak sesuai kurva. " + " ".join(pesan)
    else:
        penjelasan = f"Sesuai kurva: semua aturan untuk capaian organisasi \"{cap}\" terpenuhi."
    return Soal(id or f"kurva-{cap}-{'-'.join(str(n) for n in counts.values())}", "Kurva distribusi", pertanyaan,
                (YA, TIDAK), TIDAK if pesan else YA, petunjuk, penjelasan, SUMBER_KURVA, konteks)


def soal_usulan_hasil_kerja(jumlah_rhk: int, di_atas: int, di_bawah: int, utama: int, utama_di_bawah: int,
                            id: str | None = None, cfg: dict | None = None) -> Soal:
    """A suggested rating hasil kerja from RHK counts (the Utama rule included)."""
    from kinerja.schemes import permenpanrb_2022 as s22

    r = usulan_dari_jumlah(jumlah_rhk, di_atas, di_bawah, utama, utama_di_bawah, cfg)
    sesuai = jumlah_rhk - di_atas - di_bawah
    pertanyaan = (f"Seorang pegawai punya {jumlah_rhk} RHK ({utama} Utama). Hasilnya: {di_atas} di atas ekspektasi, "
                  f"{sesuai} sesuai, {di_bawah} di bawah ekspektasi; dari yang di bawah, {utama_di_bawah} adalah RHK "
                  "Utama. Apa usulan rating hasil kerjanya?")
    pilihan = tuple(labels.RATING_LABEL.values())
    benar = labels.RATING_LABEL[r["usulan"]]
    u = (cfg or s22.config())["usulan_hasil_kerja"]
    petunjuk = ("Ingat panduan Lampiran hlm. 97-98: \"Diatas Ekspektasi\" hanya bila sebagian besar hasil kerja "
                "di atas ekspektasi dan TIDAK ADA hasil kerja Utama di bawah ekspektasi; \"Sesuai\" bila hanya "
                f"sebagian kecil RHK Utama di bawah (di kinerja: paling banyak {_pct(u['porsi_utama_di_bawah_maks'])} "
                "dari RHK Utama).")
    khusus = {}
    if r["utama_menentukan"]:
        khusus = {p: "Perhatikan RHK Utama yang di bawah ekspektasi." for p in pilihan if p != benar}
    return Soal(id or f"usulan-hk-{jumlah_rhk}-{di_atas}-{di_bawah}-{utama}-{utama_di_bawah}", "Rating hasil kerja",
                pertanyaan, pilihan, benar, petunjuk, f"Usulannya {benar}: {r['alasan']}.", SUMBER_RATING_HK,
                petunjuk_khusus=khusus)


def soal_usulan_perilaku(di_atas: int, di_bawah: int, dinilai: int = 7, id: str | None = None,
                         cfg: dict | None = None) -> Soal:
    """A suggested rating perilaku from the counts of BerAKHLAK values rated di atas / di bawah."""
    r = simulasi_perilaku({k: v for k, v in zip(labels.BERAKHLAK,
                                                 ["di_atas"] * di_atas + ["di_bawah"] * di_bawah
                                                 + ["sesuai"] * (dinilai - di_atas - di_bawah))}, cfg)
    sesuai = dinilai - di_atas - di_bawah
    pertanyaan = (f"Dari {dinilai} nilai BerAKHLAK seorang pegawai: {di_atas} di atas ekspektasi, {sesuai} sesuai, "
                  f"{di_bawah} di bawah ekspektasi. Apa usulan rating perilaku kerjanya?")
    pilihan = tuple(labels.RATING_LABEL.values())
    benar = labels.RATING_LABEL[r["usulan"]]
    petunjuk = ("Ingat panduan Lampiran hlm. 98: \"Dibawah Ekspektasi\" bila pegawai BELUM KONSISTEN menjalankan "
                "nilai dasar ASN; \"Diatas\" bila konsisten DAN menjadi penjaga (teladan) nilai dasar ASN.")
    return Soal(id or f"usulan-pk-{di_atas}-{di_bawah}-{dinilai}", "Rating perilaku kerja", pertanyaan, pilihan,
                benar, petunjuk, f"Usulannya {benar}: {r['alasan']}.", SUMBER_RATING_PK)


def latihan_2022(ws=None, periode: str = "2026", acak: bool = False, seed: int = 0) -> list[Soal]:
    """The notebook 05 exercise set.

    From the sample instansi (default; ``ws`` = any validated workspace): kuadran cases of real
    pegawai (the "hasil di atas, perilaku di bawah" case always first), one unit that fits its kurva
    and one that does not, one Utama-rule case and one perilaku case. ``acak=True`` generates the
    cases at random from ``seed`` instead.
    """
    rng = random.Random(seed)
    soal: list[Soal] = [soal_predikat("di_atas", "di_bawah", id="predikat-contoh")]
    if acak:
        pairs = [(h, p) for h in labels.RATINGS for p in labels.RATINGS if (h, p) != ("di_atas", "di_bawah")]
        for k, (h, p) in enumerate(rng.sample(pairs, 3), 1):
            soal.append(soal_predikat(h, p, id=f"predikat-{k}"))
        for k in range(2):
            cap = rng.choice(labels.CAPAIAN_ORGANISASI[:3])
            counts = {p: rng.randint(0, 6) for p in labels.PREDIKAT}
            counts[labels.BAIK] += 3
            soal.append(soal_kurva(counts, cap, id=f"kurva-{k + 1}"))
    else:
        from kinerja.schemes import periode_data
        from kinerja.schemes import permenpanrb_2022 as s22

        ws = ws if ws is not None else _sample_ws()
        data = periode_data(ws, periode)
        sc = s22.score(data).dropna(subset=["predikat"])
        seen = {("di_atas", "di_bawah")}
        k = 0
        for r in sc.itertuples():
            pair = (r.rating_hasil_kerja, r.rating_perilaku)
            if pair in seen:
                continue
            seen.add(pair)
            k += 1
            soal.append(soal_predikat(*pair, nama=r.nama, id=f"predikat-{k}"))
            if k == 3:
                break
        kv = s22.kurva_per_unit(sc, data.organisasi, data.config)
        kv = kv[kv["capaian_organisasi"].notna()]
        for ok in (False, True):
            pick = kv[kv["sesuai_kurva"] == ok]
            if len(pick):
                r = pick.iloc[0]
                soal.append(soal_kurva({p: r[p] for p in labels.PREDIKAT}, r["capaian_organisasi"], r["unit"],
                                       id=f"kurva-{'sesuai' if ok else 'tidak'}"))
    soal.append(soal_usulan_hasil_kerja(5, 3, 1, 3, 1, id="utama"))
    soal.append(soal_usulan_perilaku(5, 1, id="perilaku"))
    return soal


_SAMPLE = None


def _sample_ws():
    """The sample instansi (in memory, generated once per process)."""
    global _SAMPLE
    if _SAMPLE is None:
        from kinerja.services.sample import sample_instansi

        _SAMPLE = sample_instansi()
    return _SAMPLE


def data_contoh(periode: str = "2026", ws=None):
    """PeriodeData of the sample instansi (or ``ws``) for ``periode``."""
    from kinerja.schemes import periode_data

    return periode_data(ws if ws is not None else _sample_ws(), periode)


# ============================================================ simulators: PermenPANRB 6/2022
def skp_contoh(data, nip: str | None = None) -> tuple[dict, pd.DataFrame]:
    """One pegawai's SKP for the slider walk: (pegawai info, indikator rows).

    Default pegawai: the first one (not a unit head) whose suggestion is decided by the Utama rule,
    so the walk shows the rule at work.
    """
    from kinerja.schemes import permenpanrb_2022 as s22

    if nip is None:
        sc = s22.score(data)
        cand = sc[(sc["alasan_usulan_hasil_kerja"] == s22.ALASAN_HK["utama_di_bawah"]) & ~sc["kepala_unit"]]
        nip = (cand if len(cand) else sc[~sc["kepala_unit"]]).iloc[0]["nip"]
    p = data.pegawai.loc[nip]
    ind = data.indikator[data.indikator["nip"] == nip]
    cols = ["rhk_id", "rhk", "jenis", "iki_id", "indikator", "aspek", "arah", "target_periode", "satuan", "bobot",
            "realisasi"]
    info = {"nip": nip, "nama": p["nama"], "jabatan": p["jabatan"], "unit": p["unit"],
            "kepala_unit": bool(p.get("kepala_unit", False)), "periode": data.periode.kode}
    return info, ind[cols].rename(columns={"target_periode": "target"}).reset_index(drop=True)


def usulan_dari_jumlah(jumlah_rhk, di_atas, di_bawah, utama, utama_di_bawah, cfg: dict | None = None) -> dict:
    """The suggestion for one pegawai's RHK counts, with the reason and whether the Utama rule decided."""
    from kinerja.schemes import permenpanrb_2022 as s22

    codes, reasons = s22.usulan_rating_hasil_kerja([jumlah_rhk], [di_atas], [di_bawah], [utama], [utama_di_bawah],
                                                   cfg)
    code, reason = codes[0], reasons[0]
    u = (cfg or s22.config())["usulan_hasil_kerja"]
    # the Utama rule decided when the answer would differ without it
    tanpa_utama = "sesuai"
    if jumlah_rhk and di_bawah / jumlah_rhk > u["porsi_sebagian_besar"]:
        tanpa_utama = "di_bawah"
    elif jumlah_rhk and di_atas / jumlah_rhk > u["porsi_sebagian_besar"]:
        tanpa_utama = "di_atas"
    utama_menentukan = jumlah_rhk > 0 and code != tanpa_utama
    teks_utama = ""
    if utama_menentukan:
        if code == "di_bawah":
            teks_utama = (f"{utama_di_bawah} dari {utama} RHK Utama di bawah ekspektasi "
                          f"({_pct(utama_di_bawah / utama)}), lebih dari \"sebagian kecil\" (di kinerja: paling banyak "
                          f"{_pct(u['porsi_utama_di_bawah_maks'])}). Walau sebagian besar RHK lain baik, usulannya "
                          "Di Bawah Ekspektasi (Lampiran hlm. 97-98).")
        else:
            teks_utama = ("Sebagian besar RHK di atas ekspektasi, tetapi ada RHK Utama "
                          "yang di bawah ekspektasi. \"Diatas Ekspektasi\" mensyaratkan tidak ada hasil kerja Utama "
                          "di bawah ekspektasi, jadi usulannya Sesuai Ekspektasi (Lampiran hlm. 97-98).")
    return {"usulan": code, "alasan_kode": reason, "alasan": s22.ALASAN_HK.get(reason, ""),
            "utama_menentukan": bool(utama_menentukan), "teks_utama": teks_utama}


def simulasi_capaian(indikator: pd.DataFrame, realisasi: Mapping[str, float] | None = None,
                     cfg: dict | None = None) -> dict:
    """Capaian per indikator and per RHK and the suggested rating hasil kerja.

    ``indikator``: rows as :func:`skp_contoh` returns them (rhk_id, jenis, iki_id, arah, target, bobot,
    realisasi). ``realisasi`` overrides realisasi by ``iki_id`` (what the sliders set). The numbers
    follow :func:`kinerja.schemes.permenpanrb_2022.capaian_per_rhk` (missing realisasi counts as 0).
    """
    from kinerja.dataset.frames import capaian_indikator
    from kinerja.schemes import permenpanrb_2022 as s22

    cfg = cfg or s22.config()
    ind = indikator.copy()
    if realisasi:
        ind["realisasi"] = [float(realisasi.get(i, r)) for i, r in zip(ind["iki_id"], ind["realisasi"])]
    ind["capaian"] = capaian_indikator(ind["target"], ind["realisasi"].fillna(0.0), ind["arah"])
    w = ind["bobot"].astype(float).fillna(1.0)
    g = ind.assign(_wc=w * ind["capaian"], _w=w).groupby("rhk_id", sort=False)
    rhk = ind.drop_duplicates("rhk_id")[["rhk_id", "rhk", "jenis"]].set_index("rhk_id")
    sums = g[["_wc", "_w"]].sum()
    rhk["capaian"] = np.where(sums["_w"] > 0, sums["_wc"] / sums["_w"].where(sums["_w"] > 0, 1), 0.0)
    rhk["kategori"] = s22.kategori_rhk(rhk["capaian"], cfg)
    rhk = rhk.reset_index()
    utama = rhk["jenis"] == "utama"
    n = {"jumlah_rhk": len(rhk), "di_atas": int((rhk["kategori"] == "di_atas").sum()),
         "di_bawah": int((rhk["kategori"] == "di_bawah").sum()), "utama": int(utama.sum()),
         "utama_di_bawah": int((utama & (rhk["kategori"] == "di_bawah")).sum())}
    n["sesuai"] = n["jumlah_rhk"] - n["di_atas"] - n["di_bawah"]
    r = usulan_dari_jumlah(n["jumlah_rhk"], n["di_atas"], n["di_bawah"], n["utama"], n["utama_di_bawah"], cfg)
    return {"indikator": ind, "rhk": rhk, "jumlah": n, **r,
            "usulan_label": labels.RATING_LABEL.get(r["usulan"], "-"),
            "batas_di_atas": cfg["usulan_hasil_kerja"]["batas_di_atas"],
            "batas_sesuai": cfg["usulan_hasil_kerja"]["batas_sesuai"]}


def simulasi_perilaku(rating_per_nilai: Mapping[str, str], cfg: dict | None = None) -> dict:
    """Suggested rating perilaku from the seven BerAKHLAK value ratings (codes or labels)."""
    from kinerja.schemes import permenpanrb_2022 as s22

    cfg = cfg or s22.config()
    u = cfg["usulan_perilaku"]
    codes = {labels.aspek_perilaku_code(k): labels.rating_code(v) for k, v in rating_per_nilai.items() if v}
    atas = sum(v == "di_atas" for v in codes.values())
    bawah = sum(v == "di_bawah" for v in codes.values())
    usulan = s22.usulan_rating_perilaku([atas], [bawah], [len(codes)], cfg)[0]
    if usulan is None:
        alasan = "belum ada nilai BerAKHLAK yang dinilai"
    elif usulan == "di_bawah":
        nama = ", ".join(labels.BERAKHLAK_LABEL[k] for k, v in codes.items() if v == "di_bawah")
        alasan = (f"ada {bawah} nilai di bawah ekspektasi ({nama}): pegawai belum konsisten menjalankan nilai dasar "
                  "ASN")
    elif usulan == "di_atas":
        alasan = (f"{atas} nilai di atas ekspektasi (paling sedikit {u['min_di_atas']}) dan tidak ada yang di bawah: "
                  "konsisten dan menjadi teladan")
    else:
        alasan = (f"tidak ada nilai di bawah ekspektasi, dan baru {atas} nilai di atas ekspektasi (perlu paling "
                  f"sedikit {u['min_di_atas']} untuk Di Atas): konsisten menjalankan nilai dasar ASN")
    return {"usulan": usulan, "usulan_label": labels.RATING_LABEL.get(usulan, "-"), "di_atas": atas,
            "di_bawah": bawah, "sesuai": len(codes) - atas - bawah, "dinilai": len(codes), "alasan": alasan}


def sel_kuadran(rating_hasil_kerja, rating_perilaku) -> dict:
    """One cell of the Kuadran Kinerja Pegawai: the predikat and the regulation's sentences."""
    from kinerja.schemes import permenpanrb_2022 as s22

    hk, pk = labels.rating_code(rating_hasil_kerja), labels.rating_code(rating_perilaku)
    p = s22.predikat(hk, pk)
    return {"hasil_kerja": hk, "perilaku": pk, "predikat": p, "kalimat": _penjelasan_satu(hk, pk),
            "penjelasan_predikat": s22.PENJELASAN_PREDIKAT[p],
            "baris": labels.RATINGS.index(hk), "kolom": 2 - labels.RATINGS.index(pk), "sumber": SUMBER_KUADRAN}


def batas_kurva(capaian_organisasi: str, cfg: dict | None = None) -> list[dict]:
    """The distribution rules for one capaian organisasi, as data plus one plain sentence each."""
    from kinerja.schemes import permenpanrb_2022 as s22

    cap = labels.capaian_organisasi_label(capaian_organisasi)
    out = []
    for rule in (cfg or s22.config())["kurva"][cap]:
        group = tuple(labels.predikat_label(p) for p in rule["predikat"])
        names = " dan/atau ".join(group)
        parts = []
        if "min" in rule:
            parts.append(f"paling sedikit {_pct(rule['min'])}")
        if "maks" in rule:
            parts.append("tidak boleh ada" if rule["maks"] == 0 else f"paling banyak {_pct(rule['maks'])}")
        if rule.get("ada"):
            parts.append("harus ada")
        out.append({"predikat": group, "min": rule.get("min"), "maks": rule.get("maks"),
                    "ada": bool(rule.get("ada")), "teks": f"{names} {' dan '.join(parts)}"})
    return out


def simulasi_kurva(capaian_organisasi: str, jumlah_per_predikat: Mapping[str, int], cfg: dict | None = None) -> dict:
    """A unit's mix against its kurva: shares, the rules (limits to draw) and the cek_kurva messages."""
    from kinerja.schemes import permenpanrb_2022 as s22

    cap = labels.capaian_organisasi_label(capaian_organisasi)
    counts = {p: int(jumlah_per_predikat.get(p, 0)) for p in labels.PREDIKAT}
    total = sum(counts.values())
    shares = {p: (n / total if total else 0.0) for p, n in counts.items()}
    pesan = s22.cek_kurva(counts, cap, cfg)
    return {"capaian_organisasi": cap, "jumlah": counts, "total": total, "porsi": shares,
            "aturan": batas_kurva(cap, cfg), "pesan": pesan, "sesuai": total > 0 and not pesan,
            "ringkasan": ("Belum ada pegawai." if total == 0 else
                          "Sesuai kurva: semua aturan terpenuhi." if not pesan else
                          f"Tidak sesuai kurva: {len(pesan)} aturan belum terpenuhi.")}


def jumlah_unit(data, unit: str) -> tuple[str | None, dict]:
    """(capaian organisasi, count per predikat) of one unit of the sample data."""
    from kinerja.schemes import permenpanrb_2022 as s22

    sc = s22.score(data)
    sc = sc[sc["unit"] == unit]
    counts = {p: int((sc["predikat"] == p).sum()) for p in labels.PREDIKAT}
    cap = data.organisasi["capaian"].get(unit) if "capaian" in data.organisasi.columns else None
    return (cap if isinstance(cap, str) else None), counts


# ============================================================================ PP 46/2011
def kurva_nilai_waktu(rasio: Sequence[float] | None = None) -> pd.DataFrame:
    """Nilai aspek waktu/biaya against realisasi/target (the kink at 24% efisiensi)."""
    from kinerja.schemes import pp46_2011 as pp46

    r = np.linspace(0.3, 1.4, 221) if rasio is None else np.asarray(rasio, dtype=float)
    return pd.DataFrame({"rasio": r, "efisiensi": 100.0 - r * 100.0,
                         "nilai": pp46.nilai_aspek_array(np.full(len(r), "waktu", dtype=object), np.ones(len(r)), r)})


def langkah_waktu(target: float, realisasi: float) -> dict:
    """The waktu/biaya computation step by step: efisiensi, which formula, nilai."""
    from kinerja.schemes import pp46_2011 as pp46

    eff = pp46.efisiensi(target, realisasi)
    rendah = eff <= pp46.BATAS_EFISIENSI + 1e-9
    nilai = pp46.nilai_aspek("waktu", target, realisasi)
    return {"efisiensi": eff, "rumus": "pertama" if rendah else "kedua", "nilai": nilai,
            "teks": [f"efisiensi = 100 - (realisasi / target x 100) = 100 - ({_num(realisasi)} / {_num(target)} x 100)"
                     f" = {_num(eff)}%",
                     (f"efisiensi {_num(eff)}% <= 24%, jadi dipakai rumus pertama: nilai = ((1,76 x {_num(target)} - "
                      f"{_num(realisasi)}) / {_num(target)}) x 100 = {_num(nilai)}") if rendah else
                     (f"efisiensi {_num(eff)}% > 24%, jadi dipakai rumus kedua: nilai = 76 - ((((1,76 x "
                      f"{_num(target)} - {_num(realisasi)}) / {_num(target)}) x 100) - 100) = {_num(nilai)}")]}


def data_satu_pegawai(indikator: Sequence[Mapping], perilaku: Mapping[str, float] | None = None,
                      struktural: bool = False, periode: str = "2026", nip: str = "199001012020011001",
                      nama: str = "Pegawai Contoh"):
    """A PeriodeData for one made-up pegawai, so participants' own numbers go through the schemes.

    ``indikator``: dicts with rhk_id, aspek, target, realisasi (and optional jenis, arah, bobot,
    indikator). ``perilaku``: aspect code or label -> nilai (PP 46 aspects and/or BerAKHLAK values).
    """
    from kinerja.domain.config import load_config
    from kinerja.dataset.frames import INDIKATOR_COLUMNS, PeriodeData
    from kinerja.domain.periode import parse_periode

    jj = "administrator" if struktural else "pelaksana"
    peg = pd.DataFrame([{"nip": nip, "nama": nama, "unit": "Unit Contoh", "jabatan": "Jabatan Contoh",
                         "jenis_jabatan": jj, "nip_atasan": np.nan, "kepala_unit": False}], index=[nip])
    rows = []
    for k, d in enumerate(indikator, 1):
        aspek = d["aspek"]
        rows.append({"nip": nip, "rhk_id": d.get("rhk_id", "RHK-1"), "iki_id": d.get("iki_id", f"{k}"),
                     "rhk": d.get("rhk", "Kegiatan contoh"), "jenis": d.get("jenis", "utama"),
                     "indikator": d.get("indikator", f"Indikator {aspek}"), "aspek": aspek,
                     "arah": d.get("arah", "turun" if aspek in ("waktu", "biaya") else "naik"),
                     "target": float(d["target"]), "target_periode": float(d["target"]),
                     "satuan": d.get("satuan", ""), "bobot": d.get("bobot", np.nan),
                     "realisasi": np.nan if d.get("realisasi") is None else float(d["realisasi"])})
    ind = pd.DataFrame(rows).reindex(columns=INDIKATOR_COLUMNS)
    per = pd.DataFrame([{"nip": nip, "aspek": k, "rating": None, "nilai": float(v), "catatan": None}
                        for k, v in (perilaku or {}).items()], columns=["nip", "aspek", "rating", "nilai", "catatan"])
    pen = pd.DataFrame(columns=["nip", "rating_hasil_kerja", "rating_perilaku", "alasan", "catatan"])
    org = pd.DataFrame(columns=["capaian"])
    return PeriodeData(parse_periode(periode), peg, ind, per, pen, org, load_config("permenpanrb_2022"))


def coba_pp46(kegiatan: Sequence[Mapping], perilaku: Mapping[str, float], struktural: bool = False):
    """PP 46/2011 explanation of made-up numbers: ``kegiatan`` = indikator dicts (rhk_id, aspek,
    target, realisasi); ``perilaku`` = PP 46 aspect -> nilai. Returns the Explanation."""
    from kinerja.schemes import pp46_2011 as pp46

    data = data_satu_pegawai(kegiatan, perilaku, struktural)
    return pp46.explain(data, data.pegawai.index[0])


CONTOH_PP46 = {
    "kegiatan": [
        {"rhk_id": "Kegiatan 1", "aspek": "kuantitas", "target": 240, "realisasi": 228, "indikator": "Berkas diproses"},
        {"rhk_id": "Kegiatan 1", "aspek": "kualitas", "target": 100, "realisasi": 90, "indikator": "Mutu berkas"},
        {"rhk_id": "Kegiatan 1", "aspek": "waktu", "target": 12, "realisasi": 12, "indikator": "Waktu (bulan)"},
    ],
    "perilaku": {"orientasi_pelayanan": 85, "integritas": 88, "komitmen": 84, "disiplin": 80, "kerja_sama": 86},
}


# ==================================================================================== KPI
def kpi_config(bobot_hasil: float = 0.70, batas: Mapping[str, float] | None = None,
               batas_capaian: float | None = None, dasar: str = "kpi_pp30_2019") -> dict:
    """A KPI config from the shipped one with the playground's changes; validated (InputError)."""
    from kinerja.schemes import kpi

    cfg = kpi.load_config(dasar)
    cfg = {k: v for k, v in cfg.items()}
    cfg["bobot_hasil"] = round(float(bobot_hasil), 4)
    cfg["bobot_perilaku"] = round(1.0 - float(bobot_hasil), 4)
    if batas_capaian is not None:
        cfg["batas_capaian"] = float(batas_capaian)
    if batas:
        cfg["kategori"] = [{"nama": b["nama"], "min": float(batas.get(b["nama"], b["min"]))} for b in cfg["kategori"]]
    return kpi.validate_config(cfg)


def simulasi_kpi(data, unit: str | None = None, bobot_hasil: float = 0.70, bobot_utama: float | None = None,
             bobot_tambahan: float | None = None, batas: Mapping[str, float] | None = None,
             batas_capaian: float | None = None) -> pd.DataFrame:
    """The KPI playground: the unit scored with the changed config, next to the shipped config.

    ``bobot_utama``/``bobot_tambahan`` replace every indikator's bobot by RHK jenis (None keeps the
    SKP's own bobot). Columns: nama, nilai_hasil, nilai_perilaku, nilai, predikat, peringkat,
    nilai_awal, predikat_awal, peringkat_awal, naik (rank places gained; positive = moved up).
    """
    from kinerja.dataset.frames import subset
    from kinerja.schemes import kpi

    if unit is not None:
        data = subset(data, data.pegawai.index[data.pegawai["unit"] == unit])
    awal = kpi.score(data, kpi_config())
    changed = data
    if bobot_utama is not None or bobot_tambahan is not None:
        ind = data.indikator.copy()
        utama = ind["jenis"].astype(str).str.lower() == "utama"
        if bobot_utama is not None:
            ind.loc[utama, "bobot"] = float(bobot_utama)
        if bobot_tambahan is not None:
            ind.loc[~utama, "bobot"] = float(bobot_tambahan)
        changed = type(data)(data.periode, data.pegawai, ind, data.perilaku, data.penilaian, data.organisasi,
                             data.config)
    baru = kpi.score(changed, kpi_config(bobot_hasil, batas, batas_capaian))
    out = baru[["nip", "nama", "nilai_hasil", "nilai_perilaku", "nilai", "predikat"]].copy()
    out["peringkat"] = _rank(out["nilai"])
    out["nilai_awal"] = awal["nilai"].to_numpy()
    out["predikat_awal"] = awal["predikat"].to_numpy()
    out["peringkat_awal"] = _rank(awal["nilai"]).to_numpy()
    out["naik"] = out["peringkat_awal"] - out["peringkat"]
    return out.sort_values(["peringkat", "nama"]).reset_index(drop=True)


def _rank(values: pd.Series) -> pd.Series:
    """1 = best; ties share the better place (competition ranking); NaN last."""
    return pd.Series(values).rank(ascending=False, method="min", na_option="bottom").astype(int)


# ======================================================================== scheme comparison
_URUTAN_PREDIKAT = {p: i for i, p in enumerate(labels.PREDIKAT)}


def bandingkan_skema(data, unit: str) -> pd.DataFrame:
    """The same unit under the three schemes side by side, with each pegawai's rank per scheme and
    a plain reason for who moves.

    The 2022 scheme has no number; its order is by predikat (best first), then mean capaian RHK.
    """
    from kinerja.dataset.frames import subset
    from kinerja.schemes import kpi
    from kinerja.schemes import permenpanrb_2022 as s22
    from kinerja.schemes import pp46_2011 as pp46

    d = subset(data, data.pegawai.index[data.pegawai["unit"] == unit])
    a = s22.score(d).set_index("nip")
    b = pp46.score(d).set_index("nip")
    kcfg = kpi_config()
    c = kpi.score(d, kcfg).set_index("nip")
    out = pd.DataFrame({"nama": a["nama"], "rating_hasil_kerja": a["rating_hasil_kerja"],
                        "rating_perilaku": a["rating_perilaku"], "predikat_2022": a["predikat"],
                        "capaian_rata": a["capaian_rata"],
                        "nilai_pp46": b["nilai"], "kategori_pp46": b["predikat"],
                        "nilai_kpi": c["nilai"], "kategori_kpi": c["predikat"]})
    key = out["predikat_2022"].map(_URUTAN_PREDIKAT).fillna(len(labels.PREDIKAT)).astype(float)
    order = pd.DataFrame({"k": key, "c": -out["capaian_rata"].fillna(-1e9)}).sort_values(["k", "c"])
    out["peringkat_2022"] = pd.Series(np.arange(1, len(order) + 1), index=order.index).reindex(out.index)
    out["peringkat_pp46"] = _rank(out["nilai_pp46"]).to_numpy()
    out["peringkat_kpi"] = _rank(out["nilai_kpi"]).to_numpy()
    ranks = out[["peringkat_2022", "peringkat_pp46", "peringkat_kpi"]]
    out["selisih_peringkat"] = ranks.max(axis=1) - ranks.min(axis=1)

    ind = d.indikator
    from kinerja.dataset.frames import capaian_indikator

    capai = capaian_indikator(ind["target_periode"], ind["realisasi"].fillna(0.0), ind["arah"])
    wb = ind["aspek"].isin(["waktu", "biaya"]).to_numpy() & (ind["target_periode"] > 0).to_numpy()
    nilai46 = pp46.nilai_aspek_array(ind["aspek"].to_numpy(dtype=object), ind["target_periode"],
                                     ind["realisasi"].fillna(0.0))
    # waktu/biaya met (capaian >= 100%) that PP 46 still scores at most 80 (76 at exactly on target)
    tepat_76 = pd.Series(wb & (capai >= 100.0) & (nilai46 <= 80.0), index=ind.index).groupby(ind["nip"]).sum()
    dipotong = pd.Series(capai > float(kcfg["batas_capaian"]), index=ind.index).groupby(ind["nip"]).sum()
    out["mengapa"] = [alasan_perbedaan(r, int(tepat_76.get(nip, 0)), int(dipotong.get(nip, 0)),
                                       float(kcfg["bobot_perilaku"]))
                      for nip, r in out.iterrows()]
    return out.sort_values(["peringkat_2022"]).reset_index(names="nip")


def alasan_perbedaan(row, jumlah_waktu_76: int = 0, jumlah_dipotong: int = 0, bobot_perilaku_kpi: float = 0.30) -> str:
    """A plain sentence on why one pegawai lands differently under the three schemes.

    ``row``: a row of :func:`bandingkan_skema`; ``jumlah_waktu_76``: waktu/biaya indikator met on
    target that PP 46 still scores about 76; ``jumlah_dipotong``: indikator above the KPI cap.
    """
    from kinerja.schemes import pp46_2011 as pp46

    hk, pk, p22 = row["rating_hasil_kerja"], row["rating_perilaku"], row["predikat_2022"]
    angka_baik = row["kategori_pp46"] in ("Sangat Baik", "Baik") or row["kategori_kpi"] in ("Sangat Baik", "Baik")
    parts = []
    if pk == "di_bawah" and hk != "di_bawah":
        parts.append(f"Perilaku kerja di bawah ekspektasi langsung membuat predikat 2022 menjadi {p22} (kuadran), "
                     f"sedangkan di skema angka perilaku hanya ikut {pp46.BOBOT_PERILAKU * 100:g}% (PP 46) atau "
                     f"{bobot_perilaku_kpi * 100:g}% (KPI) dari nilai.")
    elif hk == "di_bawah" and angka_baik:
        parts.append("Menurut aturan 2022 hasil kerjanya di bawah ekspektasi (banyak RHK, atau lebih dari sebagian "
                     f"kecil RHK Utama, di bawah target), tetapi rata-rata capaiannya {_num(row['capaian_rata'], 1)}%, "
                     "sehingga skema angka masih memberi sebutan Baik.")
    elif hk == "di_bawah":
        parts.append("Hasil kerjanya rendah di semua skema.")
    elif hk == "sesuai" and pk == "di_atas":
        parts.append("Perilaku di atas ekspektasi tidak menaikkan predikat 2022 bila hasil kerja hanya sesuai "
                     "ekspektasi (tetap Baik), tetapi di skema angka perilaku yang tinggi menaikkan nilai.")
    elif hk == "di_atas" and pk == "sesuai":
        parts.append("Hasil kerja di atas ekspektasi dengan perilaku sesuai ekspektasi tetap Baik di 2022; di skema "
                     "angka hasil kerja yang tinggi langsung menaikkan nilai.")
    elif p22 == labels.SANGAT_BAIK:
        parts.append("Hasil kerja dan perilaku kerja sama-sama di atas ekspektasi: tinggi di semua skema.")
    if jumlah_waktu_76 and row.get("peringkat_pp46", 0) > row.get("peringkat_kpi", 0):
        parts.append(f"Di PP 46 peringkatnya lebih rendah: {jumlah_waktu_76} indikator waktu/biaya tercapai sesuai "
                     "target hanya bernilai sekitar 76, bukan 100.")
    if jumlah_dipotong:
        parts.append(f"{jumlah_dipotong} indikator melampaui batas capaian KPI dan dipotong, jadi kelebihannya tidak "
                     "dihitung di KPI.")
    if not parts:
        if row.get("selisih_peringkat", 0) >= 2:
            parts.append("Nilainya berdekatan dengan rekan-rekannya, jadi perbedaan kecil antara rumus skema sudah "
                         "cukup untuk menggeser urutannya.")
        else:
            parts.append("Posisinya kurang lebih sama di ketiga skema.")
    return " ".join(parts)


# =================================================================== exercises: notebook 06
def _pilihan_angka(benar: float, salah: Iterable[float]) -> tuple[tuple[str, ...], str]:
    b = _num(benar)
    opts, seen = [b], {b}
    for s in salah:
        t = _num(s)
        if t not in seen and len(opts) < 4:
            seen.add(t)
            opts.append(t)
    return tuple(sorted(opts, key=lambda x: float(x.replace(".", "").replace(",", ".")))), b


def soal_waktu(target: float, realisasi: float, satuan: str = "bulan", id: str | None = None) -> Soal:
    """PP 46: the nilai of a waktu aspect (the efisiensi formula)."""
    from kinerja.schemes import pp46_2011 as pp46

    w = langkah_waktu(target, realisasi)
    base = (pp46.FAKTOR_EFISIENSI * target - realisasi) / target * 100
    salah = [realisasi / target * 100, base, pp46.NILAI_EFISIENSI_TINGGI - (base - 100), 100.0, 76.0, 88.0, 50.0]
    pilihan, benar = _pilihan_angka(w["nilai"], salah)
    pertanyaan = (f"Target waktu sebuah kegiatan {_num(target)} {satuan}; kegiatan selesai dalam {_num(realisasi)} "
                  f"{satuan}. Berapa nilai aspek waktu menurut PP 46/2011?")
    petunjuk = ("Hitung dulu efisiensi = 100 - (realisasi / target x 100). Bila efisiensi paling tinggi 24%, pakai "
                "rumus ((1,76 x target - realisasi) / target) x 100; bila lebih dari 24%, pakai "
                "76 - ((((1,76 x target - realisasi) / target) x 100) - 100) (Perka BKN 1/2013).")
    khusus = {_num(realisasi / target * 100): "Aspek waktu tidak dihitung realisasi / target x 100 seperti kuantitas."}
    if w["rumus"] == "kedua":
        khusus.setdefault(_num(base), "Efisiensinya lebih dari 24%, jadi rumus pertama tidak berlaku.")
    return Soal(id or f"waktu-{target}-{realisasi}", "PP 46: aspek waktu", pertanyaan, pilihan, benar, petunjuk,
                "Nilainya " + benar + ". " + " ".join(w["teks"]), SUMBER_PP46,
                petunjuk_khusus={k: v for k, v in khusus.items() if k != benar and k in pilihan})


def soal_prestasi(nilai_skp: float, nilai_perilaku: float, id: str | None = None) -> Soal:
    """PP 46: nilai prestasi kerja = 60% SKP + 40% perilaku."""
    from kinerja.schemes import pp46_2011 as pp46

    benar_n = pp46.nilai_prestasi_kerja(nilai_skp, nilai_perilaku)
    salah = [(nilai_skp + nilai_perilaku) / 2, 0.4 * nilai_skp + 0.6 * nilai_perilaku, 0.7 * nilai_skp + 0.3 * nilai_perilaku]
    pilihan, benar = _pilihan_angka(benar_n, salah)
    khusus = {_num(0.4 * nilai_skp + 0.6 * nilai_perilaku): "Bobotnya tertukar.",
              _num((nilai_skp + nilai_perilaku) / 2): "Ini rata-rata biasa; SKP dan perilaku tidak berbobot sama."}
    return Soal(id or f"prestasi-{nilai_skp}-{nilai_perilaku}", "PP 46: nilai prestasi kerja",
                f"Nilai capaian SKP {_num(nilai_skp)} dan nilai perilaku kerja {_num(nilai_perilaku)}. Berapa nilai "
                "prestasi kerja menurut PP 46/2011?", pilihan, benar,
                "Nilai prestasi kerja = 60% x nilai capaian SKP + 40% x nilai perilaku kerja (PP 46/2011).",
                f"Nilainya {benar} = 60% x {_num(nilai_skp)} + 40% x {_num(nilai_perilaku)}; sebutannya "
                f"{pp46.kategori(benar_n)}.", SUMBER_PP46,
                petunjuk_khusus={k: v for k, v in khusus.items() if k != benar and k in pilihan})


def soal_sebutan(nilai: float, id: str | None = None) -> Soal:
    """PP 46: the sebutan of a nilai (band edges are the usual trap)."""
    from kinerja.schemes import pp46_2011 as pp46

    benar = pp46.kategori(nilai)
    return Soal(id or f"sebutan-{nilai}", "PP 46: sebutan", f"Nilai prestasi kerja seorang pegawai {_num(nilai)}. "
                "Apa sebutannya menurut PP 46/2011?", pp46.KATEGORI, benar,
                "Batasnya: 91 ke atas Sangat Baik; 76-90 Baik; 61-75 Cukup; 51-60 Kurang; 50 ke bawah Buruk. "
                "Perhatikan batas bawah tiap sebutan.",
                f"Sebutannya {benar}.", SUMBER_PP46)


def soal_kpi_turun(target: float, realisasi: float, satuan: str = "hari", id: str | None = None) -> Soal:
    """KPI: capaian of a lower-is-better indikator, (2 - R/T) x 100%."""
    from kinerja.schemes import kpi

    benar_n = kpi.capaian(target, realisasi, "turun")
    salah = [realisasi / target * 100, target / realisasi * 100, 100.0]
    pilihan, benar = _pilihan_angka(benar_n, salah)
    khusus = {_num(realisasi / target * 100): "Untuk indikator \"makin kecil makin baik\", rumusnya dibalik."}
    return Soal(id or f"kpi-turun-{target}-{realisasi}", "KPI: indikator makin kecil makin baik",
                f"Target waktu layanan paling lama {_num(target)} {satuan}; realisasinya {_num(realisasi)} {satuan}. "
                "Berapa capaiannya (%) pada skema KPI?", pilihan, benar,
                "Untuk indikator yang makin kecil makin baik: capaian = (2 - realisasi / target) x 100%.",
                f"Capaiannya {benar}% = (2 - {_num(realisasi)} / {_num(target)}) x 100%.", SUMBER_KPI,
                petunjuk_khusus={k: v for k, v in khusus.items() if k != benar and k in pilihan})


def soal_kpi_nilai(nilai_hasil: float, nilai_perilaku: float, bobot_hasil: float = 0.70, id: str | None = None) -> Soal:
    """KPI: nilai kinerja = bobot hasil x hasil + bobot perilaku x perilaku."""
    bp = 1 - bobot_hasil
    benar_n = bobot_hasil * nilai_hasil + bp * nilai_perilaku
    salah = [bp * nilai_hasil + bobot_hasil * nilai_perilaku, (nilai_hasil + nilai_perilaku) / 2,
             0.6 * nilai_hasil + 0.4 * nilai_perilaku]
    pilihan, benar = _pilihan_angka(benar_n, salah)
    return Soal(id or f"kpi-nilai-{nilai_hasil}-{nilai_perilaku}", "KPI: nilai kinerja",
                f"Pada KPI {bobot_hasil * 100:g}/{bp * 100:g}, nilai hasil kerja {_num(nilai_hasil)} dan nilai perilaku "
                f"{_num(nilai_perilaku)}. Berapa nilai kinerjanya?", pilihan, benar,
                f"Nilai kinerja = {bobot_hasil * 100:g}% x nilai hasil kerja + {bp * 100:g}% x nilai perilaku "
                "(bentuk PP 30/2019 Pasal 41).",
                f"Nilainya {benar}.", SUMBER_KPI)


def latihan_angka(acak: bool = False, seed: int = 0) -> list[Soal]:
    """The notebook 06 exercise set (fixed by default; ``acak=True`` draws new numbers from ``seed``)."""
    if not acak:
        return [soal_waktu(12, 12, id="waktu-tepat"), soal_waktu(12, 6, id="waktu-cepat"),
                soal_prestasi(85, 80, id="prestasi"), soal_sebutan(90.0, id="sebutan"),
                soal_kpi_turun(10, 8, id="kpi-turun"), soal_kpi_nilai(104, 100, id="kpi-nilai")]
    rng = random.Random(seed)
    t = rng.choice([6, 10, 12, 20])
    return [soal_waktu(t, t * rng.choice([0.9, 1.0, 1.1]), id="waktu-1"),
            soal_waktu(t, t * rng.choice([0.5, 0.6, 0.7]), id="waktu-2"),
            soal_prestasi(rng.randint(70, 95), rng.randint(70, 95), id="prestasi"),
            soal_sebutan(rng.choice([50.0, 60.0, 75.0, 90.0, 90.5, 75.5]), id="sebutan"),
            soal_kpi_turun(t, round(t * rng.choice([0.7, 0.8, 1.2]), 1), id="kpi-turun"),
            soal_kpi_nilai(rng.randint(85, 115), rng.choice([70, 100, 110]), id="kpi-nilai")]


def nan_to_dash(v) -> str:
    return "-" if v is None or (isinstance(v, float) and math.isnan(v)) else format_value(v)
