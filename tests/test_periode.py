import pytest

from kinerja.schemes import periode_data
from kinerja.domain.periode import Periode, PeriodeError, parse_periode


@pytest.mark.parametrize("text,jenis,nomor,kode,label,bulan", [
    ("2026", "tahunan", 0, "2026", "Tahunan (Akhir) 2026", 12),
    (2026, "tahunan", 0, "2026", "Tahunan (Akhir) 2026", 12),
    ("2026.0", "tahunan", 0, "2026", "Tahunan (Akhir) 2026", 12),
    ("2026-s2", "semester", 2, "2026-S2", "Semester II 2026", 6),
    ("2026 TW3", "triwulan", 3, "2026-TW3", "Triwulan III 2026", 3),
    ("2026_tw1", "triwulan", 1, "2026-TW1", "Triwulan I 2026", 3),
    ("2026-07", "bulanan", 7, "2026-07", "Juli 2026", 1),
    ("2026-B12", "bulanan", 12, "2026-12", "Desember 2026", 1),
])
def test_parse_every_cycle(text, jenis, nomor, kode, label, bulan):
    p = parse_periode(text)
    assert (p.jenis, p.nomor, p.kode, p.label, p.bulan) == (jenis, nomor, kode, label, bulan)
    assert parse_periode(p.kode) == p


@pytest.mark.parametrize("bad", ["2026-TW5", "2026-S3", "2026-13", "26", "TW1", "abc", "2026-Q1"])
def test_bad_periode_message(bad):
    with pytest.raises(PeriodeError, match="tidak dikenali"):
        parse_periode(bad)


def test_parts_and_containment():
    year = Periode(2026, "tahunan")
    assert [p.kode for p in year.bagian("semester")] == ["2026-S1", "2026-S2"]
    assert len(year.bagian("bulanan")) == 12
    assert parse_periode("2026-S2").memuat(parse_periode("2026-TW3"))
    assert not parse_periode("2026-S1").memuat(parse_periode("2026-07"))
    assert (parse_periode("2026-TW2").bulan_awal, parse_periode("2026-TW2").bulan_akhir) == (4, 6)


@pytest.mark.parametrize("kode,faktor", [("2026-07", 1 / 12), ("2026-S1", 0.5), ("2026-TW4", 0.25), ("2026", 1.0)])
def test_targets_prorated_for_every_cycle(sample_ws, kode, faktor):
    ind = periode_data(sample_ws, kode).indikator
    ind = ind[~ind["nip"].isin(sample_ws["penempatan"]["nip"])]  # a mutasi: over its placement (test_mutasi)
    add = ind["akumulasi"].astype(bool)
    assert add.any() and (~add).any()
    assert not add[ind["satuan"].eq("persen")].any()  # a percentage is never pro-rated (issue 10)
    assert (ind.loc[add, "target_periode"] == ind.loc[add, "target"] * faktor).all()
    assert (ind.loc[~add, "target_periode"] == ind.loc[~add, "target"]).all()
