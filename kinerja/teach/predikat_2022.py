"""PermenPANRB 6/2022 in the classroom (notebook 05): exercise generators and the simulators behind
the kuadran, capaian, BerAKHLAK and kurva apps. Every rule is the scheme's
(:mod:`kinerja.schemes.permenpanrb_2022`); nothing is recomputed here."""

from __future__ import annotations

import random
from collections.abc import Mapping

import pandas as pd

from kinerja.domain import format as fmt
from kinerja.domain import labels
from kinerja.teach.contoh import _sample_ws
from kinerja.teach.latihan import Soal
from kinerja.teach.sumber import (RATING_PENDEK, SUMBER_KUADRAN, SUMBER_KURVA, SUMBER_RATING_HK, SUMBER_RATING_PK,
                                  TIDAK, YA)


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
    konteks = tuple((p, f"{n} pegawai ({fmt.persen_pecahan(n / total) if total else '0%'})") for p, n in counts.items())
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
                f"sebagian kecil RHK Utama di bawah (di kinerja: paling banyak {fmt.persen_pecahan(u['porsi_utama_di_bawah_maks'])} "
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


def usulan_dari_jumlah(jumlah_rhk, di_atas, di_bawah, utama, utama_di_bawah, cfg: dict | None = None) -> dict:
    """The suggestion for one pegawai's RHK counts, with the reason and whether the Utama rule decided."""
    from kinerja.schemes import permenpanrb_2022 as s22

    codes, reasons = s22.usulan_rating_hasil_kerja([jumlah_rhk], [di_atas], [di_bawah], [utama], [utama_di_bawah],
                                                   cfg)
    code, reason = codes[0], reasons[0]
    u = (cfg or s22.config())["usulan_hasil_kerja"]
    # the Utama rule decided when the scheme's answer would differ with no Utama RHK below expectation
    tanpa_utama = s22.usulan_rating_hasil_kerja([jumlah_rhk], [di_atas], [di_bawah], [utama], [0], cfg)[0][0]
    utama_menentukan = jumlah_rhk > 0 and code != tanpa_utama
    teks_utama = ""
    if utama_menentukan:
        if code == "di_bawah":
            teks_utama = (f"{utama_di_bawah} dari {utama} RHK Utama di bawah ekspektasi "
                          f"({fmt.persen_pecahan(utama_di_bawah / utama)}), lebih dari \"sebagian kecil\" (di kinerja: paling banyak "
                          f"{fmt.persen_pecahan(u['porsi_utama_di_bawah_maks'])}). Walau sebagian besar RHK lain baik, usulannya "
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
    from kinerja.schemes import permenpanrb_2022 as s22

    cfg = cfg or s22.config()
    ind = indikator.copy()
    if realisasi:
        ind["realisasi"] = [float(realisasi.get(i, r)) for i, r in zip(ind["iki_id"], ind["realisasi"])]
    ind["realisasi"] = pd.to_numeric(ind["realisasi"], errors="coerce")
    # the scheme's own rules 1-3 (capaian indikator, capaian RHK, kategori): no copy here
    ind = s22.hitung_capaian(ind.assign(nip=ind.get("nip", ""), target_periode=ind["target"]))
    rhk = s22.rekap_rhk(ind, cfg).drop(columns=["nip"]).rename(columns={"capaian_rhk": "capaian"})
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
    """The distribution rules for one capaian organisasi, as data plus one plain sentence each
    (built from :func:`kinerja.schemes.permenpanrb_2022.aturan_kurva`, the one kurva rule)."""
    from kinerja.schemes import permenpanrb_2022 as s22

    urut = {"min": 0, "maks": 1, "ada": 2}
    per_rule: dict[int, list[dict]] = {}
    for r in s22.aturan_kurva(capaian_organisasi, None, cfg):
        per_rule.setdefault(r["aturan"], []).append(r)
    out = []
    for limits in per_rule.values():
        limits.sort(key=lambda r: urut[r["jenis"]])
        by = {r["jenis"]: r for r in limits}
        group = limits[0]["predikat"]
        out.append({"predikat": group, "min": by["min"]["batas"] if "min" in by else None,
                    "maks": by["maks"]["batas"] if "maks" in by else None, "ada": "ada" in by,
                    "teks": f"{' dan/atau '.join(group)} {' dan '.join(r['teks'] for r in limits)}"})
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
