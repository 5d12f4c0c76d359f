"""Synthetic workspaces: the bundled sample instansi and ``kinerja sample`` for scale tests.

Everything here is fictional: the instansi ("Dinas Kesehatan Kabupaten Suka Maju"), the names and
the NIPs (valid in form, not real people). A pegawai's results follow two hidden levels, one for
hasil kerja and one for perilaku, so the data is varied but consistent: periodic realisasi add up to
the annual realisasi for targets that add up (counts and money, ``kinerja.dataset.frames.akumulasi``)
and average for the others (percentages, indexes, durations).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.domain import labels

INSTANSI = "Dinas Kesehatan Kabupaten Suka Maju (fiktif)"

_DEPAN = ("Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hana", "Indra", "Joko", "Kartika",
          "Lestari", "Made", "Nur", "Oki", "Putri", "Rahmat", "Sari", "Taufik", "Umi", "Wahyu", "Yuni",
          "Zainal", "Ayu", "Bayu", "Dian", "Fajar", "Galih", "Intan", "Rizky", "Siti", "Teguh", "Wulan")
_BELAKANG = ("Pratama", "Lestari", "Santoso", "Wibowo", "Rahayu", "Saputra", "Hidayat", "Nugroho",
             "Kusuma", "Permata", "Siregar", "Harahap", "Simanjuntak", "Manurung", "Wijaya", "Utami",
             "Setiawan", "Anggraini", "Maharani", "Syahputra", "Ramadhani", "Purnomo", "Halim", "Susanti")
_UNIT = ("Sekretariat", "Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit",
         "Bidang Pelayanan Kesehatan", "Bidang Sumber Daya Kesehatan", "UPTD Puskesmas Suka Maju",
         "UPTD Laboratorium Kesehatan", "UPTD Instalasi Farmasi")
_PANGKAT = {  # jenis_jabatan -> (pangkat, golongan) choices
    "jpt": [("Pembina Utama Muda", "IV/c"), ("Pembina Tingkat I", "IV/b")],
    "administrator": [("Pembina", "IV/a"), ("Pembina Tingkat I", "IV/b")],
    "pengawas": [("Penata Tingkat I", "III/d"), ("Penata", "III/c")],
    "pelaksana": [("Pengatur", "II/c"), ("Penata Muda", "III/a"), ("Pengatur Tingkat I", "II/d")],
    "fungsional": [("Penata Muda Tingkat I", "III/b"), ("Penata", "III/c"), ("Penata Muda", "III/a")],
}
_FUNGSIONAL = (("Perawat Ahli Pertama", "Ahli Pertama"), ("Perawat Ahli Muda", "Ahli Muda"),
               ("Epidemiolog Kesehatan Ahli Pertama", "Ahli Pertama"), ("Analis Kebijakan Ahli Muda", "Ahli Muda"),
               ("Pranata Laboratorium Kesehatan Mahir", "Mahir"), ("Apoteker Ahli Pertama", "Ahli Pertama"),
               ("Nutrisionis Terampil", "Terampil"), ("Sanitarian Penyelia", "Penyelia"))
_PELAKSANA = ("Pengadministrasi Perkantoran", "Pengelola Data Kesehatan", "Pengelola Keuangan",
              "Pengelola Barang Milik Daerah", "Operator Layanan Operasional", "Penata Layanan Operasional")
# RHK bank: (rhk, [(indikator, aspek, target, satuan)])
_RHK = (
    ("Meningkatnya cakupan imunisasi dasar lengkap", [("Persentase bayi diimunisasi dasar lengkap", "kuantitas", 95, "persen"),
                                                      ("Laporan imunisasi tepat waktu", "waktu", 12, "bulan")]),
    ("Terlaksananya pelayanan administrasi kepegawaian", [("Jumlah usulan kepegawaian diproses", "kuantitas", 240, "berkas"),
                                                          ("Kesesuaian berkas dengan ketentuan", "kualitas", 100, "persen")]),
    ("Tersusunnya laporan keuangan dinas", [("Laporan keuangan bulanan", "kuantitas", 12, "laporan"),
                                            ("Hari penyelesaian laporan", "waktu", 10, "hari")]),
    ("Menurunnya kasus demam berdarah", [("Kegiatan pemberantasan sarang nyamuk", "kuantitas", 48, "kegiatan")]),
    ("Meningkatnya mutu layanan puskesmas", [("Kunjungan pasien terlayani", "kuantitas", 3600, "kunjungan"),
                                            ("Kepuasan pasien", "kualitas", 85, "indeks"),
                                            ("Waktu tunggu layanan", "waktu", 30, "menit")]),
    ("Terkelolanya barang milik daerah", [("Barang milik daerah terinventarisasi", "kuantitas", 500, "unit"),
                                          ("Biaya pemeliharaan", "biaya", 120_000_000, "rupiah")]),
    ("Tersedianya obat dan perbekalan kesehatan", [("Ketersediaan obat esensial", "kualitas", 95, "persen"),
                                                   ("Distribusi obat ke puskesmas", "kuantitas", 24, "kali")]),
    ("Meningkatnya pemeriksaan laboratorium", [("Sampel diperiksa", "kuantitas", 2400, "sampel"),
                                               ("Hari penyampaian hasil", "waktu", 3, "hari")]),
    ("Terlaksananya surveilans penyakit menular", [("Laporan surveilans mingguan", "kuantitas", 52, "laporan"),
                                                   ("Kelengkapan laporan", "kualitas", 90, "persen")]),
    ("Meningkatnya kompetensi tenaga kesehatan", [("Tenaga kesehatan dilatih", "kuantitas", 60, "orang"),
                                                  ("Anggaran pelatihan", "biaya", 80_000_000, "rupiah")]),
    ("Terlaksananya promosi kesehatan masyarakat", [("Penyuluhan kesehatan", "kuantitas", 36, "kegiatan")]),
    ("Tersusunnya dokumen perencanaan dinas", [("Dokumen perencanaan", "kuantitas", 4, "dokumen"),
                                               ("Ketepatan waktu penyusunan", "waktu", 12, "bulan")]),
)
_PERSPEKTIF = labels.PERSPEKTIF
_PERIODE_TW = ("TW1", "TW2", "TW3", "TW4")


def _nips(rng: np.random.Generator, n: int, tahun: int) -> np.ndarray:
    """n unique, well-formed fake NIPs."""
    out: set[str] = set()
    res = []
    while len(res) < n:
        m = n - len(res)
        lahir = pd.Timestamp("1966-01-01") + pd.to_timedelta(rng.integers(0, 365 * 34, m), unit="D")
        tmt_y = lahir.year.to_numpy() + rng.integers(22, 30, m)
        tmt_y = np.minimum(tmt_y, tahun - 1)
        tmt_m = rng.integers(1, 13, m)
        jk = rng.integers(1, 3, m)
        urut = rng.integers(1, 1000, m)
        for d, y, mo, j, u in zip(lahir.strftime("%Y%m%d"), tmt_y, tmt_m, jk, urut):
            s = f"{d}{y:04d}{mo:02d}{j}{u:03d}"
            if s not in out:
                out.add(s)
                res.append(s)
    return np.array(res[:n], dtype=object)


_GOLONGAN_PPPK = {"II/c": "VII", "II/d": "VIII", "III/a": "IX", "III/b": "X", "III/c": "XI"}
PPPK_SHARE = {"pppk": 0.25, "pppk_paruh_waktu": 0.10}
"""Share of the staff (fungsional and pelaksana, who head no one) who are PPPK; the rest are PNS."""


def _pppk(seed: int, h: pd.DataFrame, nip: np.ndarray, tahun: int) -> tuple[np.ndarray, np.ndarray]:
    """(jenis_pegawai, numbers): some staff become PPPK or PPPK paruh waktu with an NI PPPK.

    A separate random stream, so the rest of a generated workspace does not change with it. In the
    sample instansi every jenis_pegawai occurs (at least one of each kind when there are 3+ staff)."""
    rng = np.random.default_rng(seed + 7919)
    staff = np.flatnonzero(h["jenis_jabatan"].isin(["fungsional", "pelaksana"]).to_numpy())
    jenis = np.full(len(h), "pns", dtype=object)
    if not len(staff):
        return jenis, nip
    draw = rng.random(len(staff))
    cut1, cut2 = PPPK_SHARE["pppk"], PPPK_SHARE["pppk"] + PPPK_SHARE["pppk_paruh_waktu"]
    jenis[staff[draw < cut1]] = "pppk"
    jenis[staff[(draw >= cut1) & (draw < cut2)]] = "pppk_paruh_waktu"
    if len(staff) >= 3:  # every kind at least once
        for k, kind in enumerate(("pppk", "pppk_paruh_waktu")):
            if not (jenis == kind).any():
                jenis[staff[-1 - k]] = kind
    out = nip.copy()
    taken = set(out.tolist())
    for i in np.flatnonzero(jenis != "pns"):
        while True:
            lahir = pd.Timestamp("1975-01-01") + pd.Timedelta(days=int(rng.integers(0, 365 * 22)))
            angkat = int(rng.integers(2021, max(2022, tahun)))
            masa = int(rng.integers(1, 4))
            s = f"{lahir:%Y%m%d}{angkat:04d}2{masa}{int(rng.integers(1, 3))}{int(rng.integers(1, 1000)):03d}"
            if s not in taken:
                break
        taken.add(s)
        out[i] = s
    return jenis, out


def _hierarchy(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Units with an administrator head, pengawas under them, staff under those; one JPT on top."""
    n_units = max(4, min(len(_UNIT), n // 10)) if n < 200 else max(4, n // 25)
    rows = [{"jenis_jabatan": "jpt", "unit": 0, "atasan": None, "jabatan": "Kepala Dinas Kesehatan"}]
    sizes = np.full(n_units, (n - 1) // n_units)
    sizes[: (n - 1) % n_units] += 1
    for u, size in enumerate(sizes):
        head = len(rows)
        unit_name = _UNIT[u] if u < len(_UNIT) else f"UPTD Puskesmas {u - len(_UNIT) + 1:04d}"
        head_title = "Sekretaris" if u == 0 else ("Kepala " + unit_name.split(" ", 1)[1] if unit_name.startswith("Bidang")
                                                   else "Kepala " + unit_name)
        rows.append({"jenis_jabatan": "administrator", "unit": u, "atasan": 0, "jabatan": head_title})
        n_peng = 0 if size < 4 else (1 if size < 10 else 2)
        pengawas = []
        for k in range(n_peng):
            pengawas.append(len(rows))
            rows.append({"jenis_jabatan": "pengawas", "unit": u, "atasan": head,
                         "jabatan": f"Kepala Subbagian {k + 1}" if u == 0 else f"Kepala Seksi {k + 1}"})
        for _ in range(size - 1 - n_peng):
            fung = rng.random() < 0.45
            at = head if (fung or not pengawas) else pengawas[int(rng.integers(len(pengawas)))]
            if fung:
                jab, jenjang = _FUNGSIONAL[int(rng.integers(len(_FUNGSIONAL)))]
                rows.append({"jenis_jabatan": "fungsional", "unit": u, "atasan": at, "jabatan": jab, "jenjang": jenjang})
            else:
                rows.append({"jenis_jabatan": "pelaksana", "unit": u, "atasan": at,
                             "jabatan": _PELAKSANA[int(rng.integers(len(_PELAKSANA)))]})
    df = pd.DataFrame(rows[:n])
    df["unit_name"] = [(_UNIT[u] if u < len(_UNIT) else f"UPTD Puskesmas {u - len(_UNIT) + 1:04d}") for u in df["unit"]]
    if "jenjang" not in df:
        df["jenjang"] = np.nan
    return df


def generate(pegawai: int = 40, seed: int = 1, tahun: int = 2026, planted: dict | None = None,
             hanya_tahunan: bool = False):
    """A consistent synthetic workspace (``kinerja.io.files.Workspace``) of ``pegawai`` pegawai.

    ``planted`` maps a row index to (level_hasil, level_perilaku) to force particular results.
    ``hanya_tahunan`` keeps only the annual periode (about 10 indikator rows per pegawai in every
    file, for scale benchmarks).
    """
    from kinerja.io.files import Workspace

    rng = np.random.default_rng(seed)
    h = _hierarchy(rng, pegawai)
    n = len(h)
    nip = _nips(rng, n, tahun)
    jenis_pegawai, nip = _pppk(seed, h, nip, tahun)
    nama = [f"{_DEPAN[i]} {_BELAKANG[j]}" for i, j in zip(rng.integers(0, len(_DEPAN), n), rng.integers(0, len(_BELAKANG), n))]
    pk = [_PANGKAT[j][int(rng.integers(len(_PANGKAT[j])))] for j in h["jenis_jabatan"]]
    peg = pd.DataFrame({
        "nip": nip, "nama": nama, "pangkat": [p for p, _ in pk], "golongan": [g for _, g in pk],
        "jabatan": h["jabatan"], "jenis_jabatan": h["jenis_jabatan"], "unit": h["unit_name"],
        "nip_atasan": [nip[int(a)] if a == a and a is not None else np.nan for a in h["atasan"]],
        "jenjang": h["jenjang"], "koefisien_ak": np.nan, "jenis_pegawai": jenis_pegawai,
    })
    # PPPK have a golongan (I-XVII) and no pangkat; a PPPK paruh waktu has neither
    pppk = peg["jenis_pegawai"] != "pns"
    peg.loc[pppk, "pangkat"] = None
    peg.loc[pppk, "golongan"] = peg.loc[pppk, "golongan"].map(_GOLONGAN_PPPK)
    peg.loc[peg["jenis_pegawai"] == "pppk_paruh_waktu", "golongan"] = None

    # hidden levels: hasil ~ 1.02 +- 0.10 of target; perilaku on a 0..1 scale
    lvl_h = rng.normal(1.08, 0.07, n)
    lvl_p = rng.normal(0.60, 0.16, n)
    for i, (a, b) in (planted or {}).items():
        lvl_h[i], lvl_p[i] = a, b

    # SKP: 3-6 RHK each, 1-3 indikator from the bank
    n_rhk = rng.integers(3, 7, n)
    peg_idx = np.repeat(np.arange(n), n_rhk)
    rhk_no = np.concatenate([np.arange(1, k + 1) for k in n_rhk])
    # distinct RHK per pegawai: a random permutation of the bank, first n_rhk of it
    bank = np.argsort(rng.random((n, len(_RHK))), axis=1)[peg_idx, rhk_no - 1]
    utama_n = np.minimum(n_rhk, rng.integers(2, 5, n))
    skp_rows = []
    atasan_utama: dict[int, list[str]] = {}
    is_jpt = (h["jenis_jabatan"] == "jpt").to_numpy()
    atasan_of = h["atasan"].to_numpy()
    for pi, no, b in zip(peg_idx, rhk_no, bank):
        jenis = "utama" if no <= utama_n[pi] else "tambahan"
        rhk_id = f"RHK-{no}"
        if jenis == "utama":
            atasan_utama.setdefault(pi, []).append(rhk_id)
        text, inds = _RHK[b]
        for k, (ind, aspek, target, satuan) in enumerate(inds, 1):
            skp_rows.append((tahun, pi, rhk_id, text, jenis, f"{no}.{k}", ind, aspek, float(target), satuan))
    skp = pd.DataFrame(skp_rows, columns=["periode", "_i", "rhk_id", "rhk", "jenis", "iki_id", "indikator", "aspek",
                                          "target", "satuan"])
    skp["nip"] = nip[skp["_i"].to_numpy()]
    skp["arah"] = np.where(skp["aspek"].isin(["waktu", "biaya"]), "turun", "naik")
    skp["bobot"] = np.where(skp["jenis"] == "utama", 20.0, 10.0)
    skp["perspektif"] = np.where(is_jpt[skp["_i"]], np.array(_PERSPEKTIF, dtype=object)[
        (skp.groupby("_i").cumcount().to_numpy()) % 4], None)
    # intervened RHK: a utama RHK of the atasan
    first = ~skp.duplicated(["_i", "rhk_id"])
    rhk_atasan = np.full(len(skp), None, dtype=object)
    owner = skp["_i"].to_numpy()
    for pos in np.flatnonzero(first & (skp["jenis"] == "utama").to_numpy()):
        a = atasan_of[owner[pos]]
        if a == a and a is not None and int(a) in atasan_utama:
            opts = atasan_utama[int(a)]
            rhk_atasan[pos] = opts[int(rng.integers(len(opts)))]
    skp["rhk_atasan"] = pd.Series(rhk_atasan).groupby([skp["_i"], skp["rhk_id"]]).transform("first").to_numpy()
    skp["sumber"] = "manual"

    # realisasi per triwulan (results of that quarter) and the year (sum or mean)
    from kinerja.dataset.frames import akumulasi

    add = akumulasi(skp["aspek"], skp["satuan"])  # pro-rated targets add up; percentages etc. do not
    turun = (skp["arah"] == "turun").to_numpy()
    lh = lvl_h[skp["_i"].to_numpy()]
    t = skp["target"].to_numpy()
    tw_vals = []
    for q in range(4):
        noise = rng.normal(1.0, 0.06, len(skp))
        level = lh * noise
        tq = np.where(add, t / 4.0, t)
        val = np.where(turun, tq * np.clip(2.0 - level, 0.3, None), tq * level)
        tw_vals.append(np.maximum(val, 0.0))
    # round as people report: counts whole, rupiah to the thousand, percentages/days to one decimal
    aspek = skp["aspek"].to_numpy()
    tw = np.vstack(tw_vals)
    tw = np.where(aspek == "kuantitas", np.round(tw), np.where(aspek == "biaya", np.round(tw, -3), np.round(tw, 1)))
    annual = np.where(add, tw.sum(axis=0), np.round(tw.mean(axis=0), 1))
    base = skp[["nip", "rhk_id", "iki_id"]]
    real_frames = []
    for q, label in enumerate(() if hanya_tahunan else _PERIODE_TW):
        real_frames.append(base.assign(periode=f"{tahun}-{label}", realisasi=tw[q]))
    real_frames.append(base.assign(periode=str(tahun), realisasi=annual))
    real = pd.concat(real_frames, ignore_index=True)
    real["bukti"] = "Laporan " + real["periode"] + " " + real["rhk_id"] + ".pdf"
    cap = (real["realisasi"].to_numpy() / np.tile(np.where(add, t / 4.0, t), len(real_frames)))
    cap[len(real) - len(skp):] = annual / t
    cap = np.where(np.tile(turun, len(real_frames)), 2 - cap, cap)
    real["umpan_balik"] = np.select([cap >= 1.1, cap >= 1.0], ["Melampaui target, pertahankan", "Sesuai target"],
                                    "Perlu percepatan untuk mencapai target")

    # perilaku: seven BerAKHLAK ratings per periode, with numeric nilai for the numeric schemes
    periodes = ([] if hanya_tahunan else [f"{tahun}-{x}" for x in _PERIODE_TW]) + [str(tahun)]
    keys = list(labels.BERAKHLAK)
    per_frames = []
    for per in periodes:
        z = lvl_p[:, None] + rng.normal(0, 0.10, (n, len(keys)))
        rating = np.where(z > 0.75, "di_atas", np.where(z < 0.22, "di_bawah", "sesuai"))
        nilai = np.clip(np.round(70 + 30 * z, 1), 40, 100)
        per_frames.append(pd.DataFrame({"periode": per, "nip": np.repeat(nip, len(keys)),
                                        "aspek": np.tile(keys, n), "rating": rating.ravel(), "nilai": nilai.ravel(),
                                        "catatan": None}))
    # PP 46/2011 perilaku aspects for the annual periode (legacy scheme input, extra rows)
    pp46 = list(labels.PERILAKU_PP46)
    z = lvl_p[:, None] + rng.normal(0, 0.12, (n, len(pp46)))
    per_frames.append(pd.DataFrame({"periode": str(tahun), "nip": np.repeat(nip, len(pp46)), "aspek": np.tile(pp46, n),
                                    "rating": None, "nilai": np.clip(np.round(68 + 30 * z, 1), 40, 100).ravel(),
                                    "catatan": None}))
    perilaku = pd.concat(per_frames, ignore_index=True)
    perilaku["catatan"] = np.select([perilaku["rating"] == "di_atas", perilaku["rating"] == "di_bawah"],
                                    ["Menjadi teladan bagi rekan kerja", "Belum konsisten, perlu pembinaan"], "")
    perilaku["catatan"] = perilaku["catatan"].replace("", None)

    mean_lvl = pd.Series(lvl_h).groupby(peg["unit"].to_numpy(), sort=False).mean()
    capaian = np.select([mean_lvl > 1.12, mean_lvl > 0.97, mean_lvl > 0.85],
                        list(labels.CAPAIAN_ORGANISASI[:3]), labels.CAPAIAN_ORGANISASI[3])
    organisasi = pd.DataFrame({"unit": np.tile(mean_lvl.index.to_numpy(), len(periodes)),
                               "periode": np.repeat(periodes, len(mean_lvl)),
                               "capaian": np.tile(capaian, len(periodes)), "instansi": INSTANSI})

    from kinerja.domain import schema

    def ordered(df, spec):
        return df[[c for c in spec.column_names if c in df.columns]]

    skp, real, perilaku = ordered(skp, schema.SKP), ordered(real, schema.REALISASI), ordered(perilaku, schema.PERILAKU)
    ws = Workspace(pegawai=peg, skp=skp, realisasi=real, perilaku=perilaku,
                   penilaian=pd.DataFrame(columns=["periode", "nip", "rating_hasil_kerja", "rating_perilaku", "alasan",
                                                   "catatan", "nilai_tugas_tambahan", "nilai_kreativitas"]),
                   organisasi=organisasi)
    ws.penilaian = _final_ratings(ws, periodes, rng)
    return ws


def _final_ratings(ws, periodes: list[str], rng: np.random.Generator, done_share: dict | None = None) -> pd.DataFrame:
    """The evaluators' final ratings: the suggestion for most, a few overrides with a reason,
    and some pegawai not yet evaluated in the last periods (so completion status varies)."""
    from kinerja.schemes import periode_data
    from kinerja.schemes import permenpanrb_2022 as s22

    done_share = done_share or {}
    frames = []
    for per in periodes:
        sc = s22.score(periode_data(ws, per))
        share = done_share.get(per, 1.0 if per.endswith(("TW1", "TW2", "TW3")) else (0.6 if per.endswith("TW4") else 0.85))
        take = rng.random(len(sc)) < share
        sc = sc[take & sc["usulan_hasil_kerja"].notna() & sc["usulan_perilaku"].notna()]
        f = pd.DataFrame({"periode": per, "nip": sc["nip"], "rating_hasil_kerja": sc["usulan_hasil_kerja"],
                          "rating_perilaku": sc["usulan_perilaku"], "alasan": None, "catatan": None})
        # a few evaluators raise a "sesuai" hasil kerja to "di atas" with a reason
        up = (f["rating_hasil_kerja"] == "sesuai").to_numpy() & (rng.random(len(f)) < 0.08)
        f.loc[up, "rating_hasil_kerja"] = "di_atas"
        f.loc[up, "alasan"] = "Kontribusi menonjol pada program prioritas di luar target RHK"
        low = f["rating_hasil_kerja"].eq("di_bawah") | f["rating_perilaku"].eq("di_bawah")
        f.loc[low, "catatan"] = "Pembinaan oleh atasan langsung; rencana perbaikan kinerja 3 bulan"
        f.loc[f["rating_hasil_kerja"].eq("di_atas") & f["rating_perilaku"].eq("di_atas"), "catatan"] = \
            "Diusulkan untuk penghargaan dan pengembangan karier"
        frames.append(f)
    out = pd.concat(frames, ignore_index=True)
    out["nilai_tugas_tambahan"] = np.nan
    out["nilai_kreativitas"] = np.nan
    return out


# The bundled sample instansi: 40 pegawai, fixed seed, with planted results so that every predikat
# occurs (row index -> (level hasil kerja, level perilaku)).
SAMPLE_PEGAWAI = 40
SAMPLE_SEED = 2026
SAMPLE_PLANTED = {
    3: (1.25, 0.95),   # Sangat Baik
    7: (1.22, 0.92),   # Sangat Baik
    12: (0.70, 0.80),  # Butuh Perbaikan (results well below target, good behaviour)
    18: (0.72, 0.55),  # Butuh Perbaikan
    22: (1.05, -0.30),  # Kurang/Misconduct (results fine, behaviour not consistent)
    30: (0.60, -0.40),  # Sangat Kurang
}


MUTASI_MULAI = "08"
"""Month in which the sample's mutasi takes effect (TMT): mid-Triwulan III, so TW3 shows the pro-rating
over the new placement's months."""


def _mutasi_dan_plt(ws) -> None:
    """The sample's Plt. and mutasi cases (kinerja.domain.penempatan), made from the generated
    hierarchy without changing the number of pegawai:

    * Plt.: the head post of Bidang Pelayanan Kesehatan is vacant all year; its former head serves as
      a pejabat fungsional there, and the head of Bidang Pencegahan dan Pengendalian Penyakit is
      Plt. Kepala Bidang Pelayanan Kesehatan, evaluating its staff (Lampiran hlm. 90 angka 3). The
      Plt. task is a hasil kerja utama of the Plt. (Lampiran hlm. 50 huruf d).
    * mutasi: a pelaksana moves from Bidang Kesehatan Masyarakat to Bidang Pencegahan dan
      Pengendalian Penyakit in August, with one SKP per placement; realisasi follow each placement.
    Final ratings of the pegawai touched are their usulan (recomputed)."""
    from kinerja.schemes import periode_data
    from kinerja.schemes import permenpanrb_2022 as s22

    peg, skp = ws.pegawai, ws.skp
    tahun = int(skp["periode"].max())

    def head(unit):
        rows = peg[(peg["unit"] == unit) & (peg["jenis_jabatan"] == "administrator")]
        return rows.index[0] if len(rows) else None

    yankes, p2p, kesmas = _UNIT[3], _UNIT[2], _UNIT[1]
    h, plt_i = head(yankes), head(p2p)
    if h is None or plt_i is None:
        return
    nip_h, nip_plt = peg.at[h, "nip"], peg.at[plt_i, "nip"]
    touched = {nip_h, nip_plt}
    staff = peg["nip_atasan"] == nip_h
    touched.update(peg.loc[staff, "nip"])
    peg.loc[staff, "nip_atasan"] = nip_plt
    peg.loc[h, ["jabatan", "jenis_jabatan", "jenjang", "nip_atasan"]] = [
        "Administrator Kesehatan Ahli Muda", "fungsional", "Ahli Muda", nip_plt]
    utama_plt = skp.loc[(skp["nip"] == nip_plt) & (skp["jenis"] == "utama"), "rhk_id"].iloc[0]
    moved_to_plt = skp["nip"].isin(list(touched - {nip_plt})) & skp["rhk_atasan"].notna()
    skp.loc[moved_to_plt, "rhk_atasan"] = utama_plt
    skp.loc[skp["nip"] == nip_h, "perspektif"] = None
    jabatan_plt = "Kepala " + yankes
    n_rhk = skp.loc[skp["nip"] == nip_plt, "rhk_id"].nunique()
    rhk_plt = f"RHK-{n_rhk + 1}"
    rows = [dict(periode=tahun, nip=nip_plt, rhk_id=rhk_plt, rhk=f"Terlaksananya tugas Plt. {jabatan_plt}",
                 jenis="utama", iki_id=f"{n_rhk + 1}.1", indikator="Laporan pelaksanaan tugas Plt.",
                 aspek="kuantitas", target=12.0, satuan="laporan", arah="naik", bobot=20.0, sumber="manual")]
    ws.extra["plt"] = pd.DataFrame([{"nip": nip_plt, "jenis": "plt", "jabatan": jabatan_plt, "unit": yankes,
                                     "mulai": f"{tahun}-01", "selesai": None, "nip_atasan": None}])

    # mutasi: a pelaksana of P2P under a pengawas came from Kesmas in August
    peng_p2p = peg.loc[(peg["unit"] == p2p) & (peg["jenis_jabatan"] == "pengawas"), "nip"]
    m = peg.index[(peg["unit"] == p2p) & (peg["jenis_jabatan"] == "pelaksana") & peg["nip_atasan"].isin(peng_p2p)
                  & (peg["jenis_pegawai"] == "pns")][-1]
    nip_m = peg.at[m, "nip"]
    atasan_lama = peg.loc[(peg["unit"] == kesmas) & (peg["jenis_jabatan"] == "pengawas"), "nip"].iloc[-1]
    awal, mulai = f"{tahun}-01", f"{tahun}-{MUTASI_MULAI}"
    ws.extra["penempatan"] = pd.DataFrame([
        {"nip": nip_m, "mulai": awal, "unit": kesmas, "jabatan": "Pengadministrasi Perkantoran",
         "jenis_jabatan": "pelaksana", "nip_atasan": atasan_lama},
        {"nip": nip_m, "mulai": mulai, "unit": p2p, "jabatan": peg.at[m, "jabatan"],
         "jenis_jabatan": "pelaksana", "nip_atasan": peg.at[m, "nip_atasan"]}])
    touched.add(nip_m)
    baru = skp["nip"] == nip_m
    skp["mulai"] = np.where(baru, mulai, None)
    lama = skp[baru].copy()
    n_m = lama["rhk_id"].nunique()
    ids = {r: f"RHK-{n_m + k}" for k, r in enumerate(dict.fromkeys(lama["rhk_id"]), 1)}
    lama["rhk_id"] = lama["rhk_id"].map(ids)
    lama["iki_id"] = [f"{ids_r.split('-')[1]}.{i.split('.')[1]}" for ids_r, i in zip(lama["rhk_id"], lama["iki_id"])]
    lama = lama.assign(mulai=awal, rhk_atasan=None)
    bulan_baru = int(MUTASI_MULAI)
    skp = pd.concat([skp, lama, pd.DataFrame(rows).assign(mulai=None)], ignore_index=True)
    urut = skp["nip"].map({n: i for i, n in enumerate(peg["nip"])})
    ws.skp = skp.iloc[np.argsort(urut.to_numpy(), kind="stable")].reset_index(drop=True)

    # realisasi: each placement reports for the periodes it is evaluated in, on its own SKP
    from kinerja.dataset.frames import akumulasi

    real = ws.realisasi
    real = real[~((real["nip"] == nip_m) & real["periode"].isin([f"{tahun}-TW1", f"{tahun}-TW2"]))].copy()
    bulan_lama = bulan_baru - 1
    add = akumulasi(lama["aspek"], lama["satuan"])
    add_rows = [pd.DataFrame({"periode": f"{tahun}-{kode}", "nip": nip_m, "rhk_id": lama["rhk_id"].to_numpy(),
                              "iki_id": lama["iki_id"].to_numpy(),
                              "realisasi": np.where(add, np.ceil(lama["target"] * 3 / bulan_lama), lama["target"]),
                              "bukti": f"Laporan {tahun}-{kode}.pdf", "umpan_balik": "Sesuai target"})
                for kode in ("TW1", "TW2")]
    # the new placement's SKP covers August-December: its quarters carry 2/5 and 3/5 of an amount
    sk_baru = ws.skp[(ws.skp["nip"] == nip_m) & (ws.skp["mulai"] == mulai)].set_index(["rhk_id", "iki_id"])
    add_baru = pd.Series(akumulasi(sk_baru["aspek"], sk_baru["satuan"]), index=sk_baru.index)
    bulan_akhir_periode = {f"{tahun}-TW3": 9 - bulan_baru + 1, f"{tahun}-TW4": 3}
    for kode, bulan in bulan_akhir_periode.items():
        rows_m = (real["nip"] == nip_m) & (real["periode"] == kode)
        key = list(zip(real.loc[rows_m, "rhk_id"], real.loc[rows_m, "iki_id"]))
        skala = np.where(add_baru.reindex(key).to_numpy(dtype=bool), bulan / (13 - bulan_baru) * 4, 1.0)
        real.loc[rows_m, "realisasi"] = np.round(real.loc[rows_m, "realisasi"].to_numpy() * skala, 0)
    tahunan = (real["nip"] == nip_m) & (real["periode"] == str(tahun))
    kuartal = real[(real["nip"] == nip_m) & real["periode"].isin(list(bulan_akhir_periode))]
    jumlah = kuartal.groupby(["rhk_id", "iki_id"])["realisasi"].sum()
    key = list(zip(real.loc[tahunan, "rhk_id"], real.loc[tahunan, "iki_id"]))
    real.loc[tahunan, "realisasi"] = np.where(add_baru.reindex(key).to_numpy(dtype=bool),
                                              jumlah.reindex(key).to_numpy(), real.loc[tahunan, "realisasi"].to_numpy())
    plt_real = pd.DataFrame({"periode": [f"{tahun}-TW{q}" for q in range(1, 5)] + [str(tahun)], "nip": nip_plt,
                             "rhk_id": rhk_plt, "iki_id": f"{n_rhk + 1}.1", "realisasi": [3.0, 3.0, 3.0, 3.0, 12.0],
                             "bukti": "Laporan Plt.", "umpan_balik": "Tugas Plt. berjalan baik"})
    ws.realisasi = pd.concat([real, *add_rows, plt_real], ignore_index=True)

    # final ratings of the pegawai touched: their usulan, where a final rating existed
    pen = ws.penilaian
    keep = ~pen["nip"].isin(list(touched))
    redo = pen[~keep]
    new = []
    for per, rows_p in redo.groupby("periode"):
        sc = s22.score(periode_data(ws, per)).set_index("nip")
        for nip in rows_p["nip"]:
            if nip in sc.index and sc.at[nip, "usulan_hasil_kerja"] == sc.at[nip, "usulan_hasil_kerja"]:
                new.append({"periode": per, "nip": nip, "rating_hasil_kerja": sc.at[nip, "usulan_hasil_kerja"],
                            "rating_perilaku": sc.at[nip, "usulan_perilaku"]})
    ws.penilaian = pd.concat([pen[keep], pd.DataFrame(new)], ignore_index=True)


def sample_instansi():
    ws = generate(SAMPLE_PEGAWAI, SAMPLE_SEED, planted=SAMPLE_PLANTED)
    _mutasi_dan_plt(ws)
    # issue 6: 360 assignments and answers, and IKM surveys (kinerja.schemes.multirater / kinerja.schemes.ikm)
    from kinerja.schemes import ikm
    from kinerja.schemes import multirater

    ws.extra.update(multirater.sample_360(ws, SAMPLE_SEED))
    ws.extra["ikm"] = ikm.sample_ikm(ws, SAMPLE_SEED)
    return ws
