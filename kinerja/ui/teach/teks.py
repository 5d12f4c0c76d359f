"""The prose of notebook 06 that states regulation numbers, built from the scheme constants and the KPI
configs (so the text and the computation cannot disagree). Each function returns Markdown for a cell."""

from __future__ import annotations

from IPython.display import Markdown

from kinerja.domain import format as fmt

BAGIAN = ("pp46", "waktu", "kpi", "tiga_skema", "ingat")


def teks_skema_angka(bagian: str, workspace=None) -> Markdown:
    """One section of notebook 06's prose (``bagian`` in :data:`BAGIAN`)."""
    from kinerja.schemes import kpi
    from kinerja.schemes import pp46_2011 as pp46

    bobot = (f"**{fmt.persen_pecahan(pp46.BOBOT_SKP)} nilai SKP + {fmt.persen_pecahan(pp46.BOBOT_PERILAKU)} "
             "nilai perilaku**")
    batas = fmt.angka(pp46.BATAS_EFISIENSI)
    tepat = fmt.angka(pp46.nilai_aspek("waktu", 1.0, 1.0))
    puncak_r = fmt.persen(100 - pp46.BATAS_EFISIENSI, 0)
    puncak = fmt.angka(pp46.nilai_aspek("waktu", 1.0, 1 - pp46.BATAS_EFISIENSI / 100))
    if bagian == "pp46":
        return Markdown(f"## 1. PP 46/2011: rumus dan contoh\n\nNilai prestasi kerja = {bobot}. Nilai SKP berasal "
                        "dari aspek kuantitas, kualitas, waktu, dan biaya setiap kegiatan.")
    if bagian == "waktu":
        return Markdown(f"### Aspek waktu dan biaya: ada \"tikungan\" di efisiensi {batas}%\n\nSelesai **tepat** "
                        f"sesuai target hanya bernilai **{tepat}**. Nilai tertinggi, {puncak}, dicapai bila selesai "
                        f"dalam {puncak_r} waktu (efisiensi {batas}%). Lebih cepat lagi, nilainya justru turun: "
                        "rencananya dianggap terlalu longgar. Geser realisasinya.")
    if bagian == "kpi":
        dasar, k360 = kpi.load_config(), kpi.load_config("kpi_360")
        awal = kpi.load_config(workspace=workspace)

        def bobot_kpi(c):
            return f"{fmt.angka(c['bobot_hasil'] * 100)}/{fmt.angka(c['bobot_perilaku'] * 100)}"

        sendiri = ("" if bobot_kpi(awal) == bobot_kpi(dasar) and awal["batas_capaian"] == dasar["batas_capaian"]
                   else f" Workspace ini memakai **{bobot_kpi(awal)}** dengan batas capaian "
                        f"{fmt.persen(awal['batas_capaian'], 1)}; aplikasi di bawah mulai dari situ.")
        return Markdown(
            "## 2. Skema KPI instansi\n\nBentuk umumnya dari PP 30/2019 Pasal 41: "
            f"**{fmt.persen_pecahan(dasar['bobot_hasil'])} hasil kerja + {fmt.persen_pecahan(dasar['bobot_perilaku'])} "
            f"perilaku** (atau {bobot_kpi(k360)} bila perilaku dinilai juga oleh rekan dan bawahan). Capaian dibatasi "
            f"(misalnya {fmt.persen(dasar['batas_capaian'], 1)}) dan nilai dibagi ke dalam kategori.{sendiri}\n\n"
            "Ubah bobot dan batas kategori pada satu unit contoh. Perhatikan: **pilihan bobot mengubah peringkat**.")
    if bagian == "tiga_skema":
        return Markdown(
            "## 3. Satu unit, tiga skema\n\nPegawai yang sama bisa berada di urutan berbeda. Yang paling sering "
            "membuat orang bergeser:\n\n- di 2022 perilaku **di bawah ekspektasi** langsung menentukan predikat; di "
            f"skema angka perilaku hanya sebagian dari nilai;\n- di PP 46, selesai tepat waktu hanya bernilai {tepat};\n"
            "- di KPI, capaian di atas batas dipotong.")
    if bagian == "ingat":
        return Markdown(
            f"## Yang perlu diingat\n\n- PP 46/2011: {bobot.replace(' nilai SKP', ' SKP').replace(' nilai perilaku', ' perilaku')}; "
            f"waktu dan biaya memakai rumus efisiensi (tepat target = {tepat}).\n- KPI: hasil dan perilaku berbobot; "
            "**bobot dan batas kategori adalah pilihan instansi** dan mengubah peringkat.\n- PermenPANRB 6/2022 tidak "
            "memakai angka akhir: predikat datang dari **kuadran** dua rating, dan mengikuti **capaian organisasi**.")
    raise ValueError(f"bagian '{bagian}' tidak dikenal; pilih salah satu dari: {', '.join(BAGIAN)}")
