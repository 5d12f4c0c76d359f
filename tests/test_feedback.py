"""Kekuatan / area perbaikan from data; rekomendasi from configurable rules."""

from kinerja.report import feedback
from kinerja.domain.config import load_config

CFG = load_config("permenpanrb_2022")
RHK = [{"rhk_id": "RHK-1", "rhk": "Layanan", "jenis": "utama", "capaian_rhk": 80.0, "kategori": "di_bawah"},
       {"rhk_id": "RHK-2", "rhk": "Laporan", "jenis": "tambahan", "capaian_rhk": 125.0, "kategori": "di_atas"}]
PER = {"akuntabel": "di_atas", "loyal": "di_bawah", "kompeten": "sesuai"}


def test_kekuatan_and_area_perbaikan_from_data():
    row = {"predikat": "Butuh Perbaikan"}
    k = feedback.kekuatan(row, RHK, PER, CFG, [{"label": "TW I", "capaian": 80.0}, {"label": "TW II", "capaian": 95.0}])
    assert any("RHK-2" in s and "125%" in s for s in k)
    assert any("Akuntabel" in s for s in k)
    assert any("meningkat" in s for s in k)
    a = feedback.area_perbaikan(row, RHK, PER, [{"realisasi": None}, {"realisasi": 3.0, "bukti": ""}])
    assert a[0].startswith("RHK Utama RHK-1")
    assert any("Loyal" in s for s in a)
    assert any("belum memiliki realisasi" in s for s in a)
    assert any("bukti dukung" in s for s in a)


def test_rekomendasi_rules_from_config():
    rules = feedback.load_rules()
    row = {"predikat": "Butuh Perbaikan", "rating_hasil_kerja": "di_bawah", "jenis_jabatan": "fungsional",
           "jumlah_rhk": 2}
    ak = {"angka_kredit": 9.375, "koefisien": 12.5, "persentase": 0.75, "jenjang": "Ahli Pertama"}
    f = feedback.facts(row, RHK, PER, ak, bulan=12)
    rek = feedback.rekomendasi(f, rules)
    ids = [r["id"] for r in rek]
    assert "pembinaan_hasil_kerja" in ids and "pembinaan_predikat" in ids and "pelatihan_hasil_kerja" in ids
    assert "penghargaan" not in ids
    ak_text = next(r["teks"] for r in rek if r["id"] == "angka_kredit")
    assert "9,375" in ak_text and "75%" in ak_text and "Ahli Pertama" in ak_text


def test_angka_kredit_only_for_fungsional_and_custom_rules():
    f = feedback.facts({"predikat": "Sangat Baik", "jenis_jabatan": "pelaksana"}, [], {}, {})
    assert not f["fungsional_ak"]
    rules = [{"id": "x", "jenis": "penghargaan", "jika": {"predikat": ["Sangat Baik"], "maks_rhk_di_bawah": 0},
              "teks": "Selamat {predikat} {tidak_ada}"}]
    rek = feedback.rekomendasi(f, rules)
    assert rek == [{"id": "x", "jenis": "penghargaan", "label": "Penghargaan", "teks": "Selamat Sangat Baik -"}]


def test_workspace_override(tmp_path):
    (tmp_path / "rekomendasi.toml").write_text('[[aturan]]\nid = "a"\njenis = "lainnya"\njika = {}\nteks = "Selalu"\n')
    assert [r["id"] for r in feedback.load_rules(tmp_path)] == ["a"]
