"""Mutasi (one SKP per placement) and Plt./Plh. evaluators, as PermenPANRB 6/2022 says (issue 10 point 2).

The sample instansi has one mutasi (penempatan.csv: Bidang Kesehatan Masyarakat until July, Bidang
Pencegahan dan Pengendalian Penyakit from August 2026) and one Plt. (plt.csv). Each rule below quotes
the Lampiran.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import SAMPLE_CSV

from kinerja.domain.penempatan import efektif
from kinerja.errors import AccessDenied, ValidationErrors
from kinerja.io.files import load_workspace
from kinerja.schemes import periode_data
from kinerja.schemes import permenpanrb_2022 as s22


@pytest.fixture(scope="module")
def mutasi(sample_ws):
    rows = sample_ws["penempatan"].sort_values("mulai")
    lama, baru = rows.iloc[0], rows.iloc[1]
    return lama, baru


def test_periodic_evaluation_before_the_move_is_in_the_old_placement(sample_ws, mutasi):
    lama, baru = mutasi
    nip = lama["nip"]
    for per in ("2026-TW1", "2026-TW2"):
        data = periode_data(sample_ws, per)
        row = data.pegawai.loc[nip]
        assert (row["unit"], row["nip_atasan"], row["jabatan"]) == (lama["unit"], lama["nip_atasan"], lama["jabatan"])
        ind = data.indikator[data.indikator["nip"] == nip]
        assert set(ind["mulai"]) == {lama["mulai"]}     # only the SKP of that placement
        sc = s22.score(data).set_index("nip")
        cap = data.organisasi["capaian"].get(lama["unit"])
        assert sc.at[nip, "capaian_organisasi"] == cap


def test_angka_13a_periodic_evaluation_after_the_move_by_the_new_penilai(sample_ws, mutasi):
    """Lampiran hlm. 91 angka 13 huruf a: "untuk evaluasi kinerja periodik Pegawai, dilakukan oleh Pejabat
    Penilai Kinerja yang baru dan berdasarkan capaian kinerja organisasi periodik pada unit baru (periode
    evaluasi disesuaikan dengan unit baru)". Triwulan III (July-September) holds the August move."""
    lama, baru = mutasi
    nip = baru["nip"]
    data = periode_data(sample_ws, "2026-TW3")
    row = data.pegawai.loc[nip]
    assert (row["unit"], row["nip_atasan"]) == (baru["unit"], baru["nip_atasan"])
    assert row["nip_atasan"] != lama["nip_atasan"]
    sc = s22.score(data).set_index("nip")
    assert sc.at[nip, "capaian_organisasi"] == data.organisasi["capaian"].get(baru["unit"])
    ind = data.indikator[data.indikator["nip"] == nip]
    assert set(ind["mulai"]) == {baru["mulai"]}
    # the new SKP covers August-December (5 months); Triwulan III holds 2 of them
    akum = ind["akumulasi"].astype(bool)
    assert akum.any() and (~akum).any()
    assert ind.loc[akum, "target_periode"].tolist() == pytest.approx((ind.loc[akum, "target"] * 2 / 5).tolist())
    assert (ind.loc[~akum, "target_periode"] == ind.loc[~akum, "target"]).all()


def test_angka_13b_annual_evaluation_by_the_new_penilai_on_the_new_unit(sample_ws, mutasi):
    """Lampiran hlm. 91 angka 13 huruf b: "untuk evaluasi kinerja tahunan Pegawai, dilakukan oleh Pejabat
    Penilai Kinerja yang baru berdasarkan capaian kinerja organisasi tahunan pada unit baru"."""
    lama, baru = mutasi
    nip = baru["nip"]
    data = periode_data(sample_ws, "2026")
    assert data.pegawai.at[nip, "nip_atasan"] == baru["nip_atasan"]
    sc = s22.score(data).set_index("nip")
    assert sc.at[nip, "capaian_organisasi"] == data.organisasi["capaian"].get(baru["unit"])
    ind = data.indikator[data.indikator["nip"] == nip]
    assert set(ind["mulai"]) == {baru["mulai"]}
    assert (ind["target_periode"] == ind["target"]).all()   # the placement's own SKP, whole
    assert sc.at[nip, "predikat"] in ("Baik", "Sangat Baik")


def test_a_pegawai_who_moved_in_is_not_evaluated_before_the_first_placement():
    rows = [{"nip": "1", "mulai": "2026-03", "unit": "B", "jabatan": "J", "jenis_jabatan": "pelaksana",
             "nip_atasan": "9"}]
    assert efektif("2026-01", rows).penempatan == {"1": None}
    assert efektif("2026-TW1", rows).penempatan["1"].unit == "B"   # March is in Triwulan I
    assert efektif("2026-TW1", rows).penempatan["1"].tumpang(efektif("2026-TW1").periode) == 1


def test_validate_skp_of_a_moved_pegawai_must_name_its_placement(tmp_path):
    ws_dir = tmp_path / "ws"
    shutil.copytree(SAMPLE_CSV, ws_dir)
    skp = pd.read_csv(ws_dir / "skp.csv", dtype=str)
    nip = pd.read_csv(ws_dir / "penempatan.csv", dtype=str)["nip"].iloc[0]
    first = skp.index[skp["nip"] == nip][0]
    skp.loc[first, "mulai"] = None
    second = skp.index[skp["nip"] == nip][1]
    skp.loc[second, "mulai"] = "2026-05"
    skp.to_csv(ws_dir / "skp.csv", index=False)
    with pytest.raises(ValidationErrors) as ei:
        load_workspace(ws_dir)
    errs = {(e.row, e.column): e.message for e in ei.value.errors}
    assert "isi kolom mulai" in errs[(first + 2, "mulai")]
    assert "tidak ada di berkas penempatan" in errs[(second + 2, "mulai")]
    assert all(e.file.endswith("skp.csv") for e in ei.value.errors)


def test_validate_penempatan_months_and_atasan(tmp_path):
    ws_dir = tmp_path / "ws"
    shutil.copytree(SAMPLE_CSV, ws_dir)
    pen = pd.read_csv(ws_dir / "penempatan.csv", dtype=str)
    pen.loc[1, "nip_atasan"] = "199912312020121001"
    pen.to_csv(ws_dir / "penempatan.csv", index=False)
    plt = pd.read_csv(ws_dir / "plt.csv", dtype=str)
    plt.loc[0, "mulai"] = "2026-TW1"
    plt.to_csv(ws_dir / "plt.csv", index=False)
    with pytest.raises(ValidationErrors) as ei:
        load_workspace(ws_dir)
    errs = {(e.file.rsplit("/", 1)[-1], e.row, e.column): e.message for e in ei.value.errors}
    assert "tidak terdaftar" in errs[("penempatan.csv", 3, "nip_atasan")]
    assert "bukan kode bulan" in errs[("plt.csv", 2, "mulai")]


def test_store_scope_follows_the_placement_of_each_periode(store, mutasi):
    """The old Pejabat Penilai evaluates Triwulan I-II, the new one Triwulan III onwards; neither can read
    or write the other's periodes (the form, the CLI and Python callers share this store rule)."""
    lama, baru = mutasi
    nip = lama["nip"]
    assert nip in set(store.bawahan(lama["nip_atasan"], "2026-TW2")["nip"])
    assert nip not in set(store.bawahan(lama["nip_atasan"], "2026-TW3")["nip"])
    assert nip in set(store.bawahan(baru["nip_atasan"], "2026-TW3")["nip"])
    assert nip not in set(store.bawahan(baru["nip_atasan"], "2026-TW1")["nip"])
    sheet = store.lembar(lama["nip_atasan"], nip, "2026-TW1")
    assert sheet.pegawai["unit"] == lama["unit"]
    assert set(sheet.indikator["rhk_id"]) and all(m == lama["mulai"] for m in sheet.indikator["mulai"])
    with pytest.raises(AccessDenied):
        store.lembar(lama["nip_atasan"], nip, "2026")
    with pytest.raises(AccessDenied):
        store.simpan(baru["nip_atasan"], nip, "2026-TW1", sheet.versi, perilaku=[{"aspek": "loyal", "rating": "sesuai"}])
    annual = store.lembar(baru["nip_atasan"], nip, "2026")
    assert annual.pegawai["unit"] == baru["unit"]
    assert all(m == baru["mulai"] for m in annual.indikator["mulai"])
    # a realisasi of the old placement's SKP cannot be written into a periode of the new placement
    old_rhk = sheet.indikator.iloc[0]
    with pytest.raises(AccessDenied):
        store.simpan(baru["nip_atasan"], nip, "2026", annual.versi,
                     realisasi=[{"rhk_id": old_rhk["rhk_id"], "iki_id": old_rhk["iki_id"], "realisasi": 1}])
    # the sheet's own workspace (what the service scores a save with) pro-rates over the placement too
    tw3 = store.lembar(baru["nip_atasan"], nip, "2026-TW3")
    data = periode_data(tw3.workspace(), "2026-TW3")
    ind = data.indikator
    akum = ind["akumulasi"].astype(bool)
    assert ind.loc[akum, "target_periode"].tolist() == pytest.approx((ind.loc[akum, "target"] * 2 / 5).tolist())


def test_angka_3_plt_evaluates_the_staff_and_is_named_as_plt(sample_ws):
    """Lampiran hlm. 90 angka 3: "Atasan dari Pejabat Penilai Kinerja ... dapat mendelegasikan kewenangan
    evaluasi kinerja Pegawai kepada Pelaksana Tugas (Plt.) atau Pelaksana Harian (Plh.)"."""
    from kinerja.report import render as report

    plt = sample_ws["plt"].iloc[0]
    lap = report.prepare(None, "2026", ws=sample_ws)
    peg = lap.data.pegawai
    staff = peg[(peg["unit"] == plt["unit"]) & (peg["nip_atasan"] == plt["nip"])]
    assert len(staff) >= 4
    assert (staff["penilai_sebagai"] == f"Plt. {plt['jabatan']}").all()
    html = report.employee_html(lap, staff.index[0])
    assert f"Plt. {plt['jabatan']}" in html
    assert peg.at[plt["nip"], "plt"] == f"Plt. {plt['jabatan']}"
    # staff of the Plt.'s own unit see their Kepala Bidang as such, not as Plt.
    own = peg[(peg["nip_atasan"] == plt["nip"]) & (peg["unit"] != plt["unit"])]
    assert len(own) and own["penilai_sebagai"].isna().all()


def test_angka_5_and_6_the_plt_is_evaluated_where_they_report_as_plt():
    """Lampiran hlm. 90 angka 5: "Evaluasi kinerja bagi Pegawai yang mendapat penugasan sebagai Pelaksana
    Tugas (Plt.) dilakukan oleh pimpinan unit kerja dimana Pegawai melaporkan kinerja sebagai Plt."; angka 6:
    "Dalam hal penugasan sebagai Pelaksana Tugas (Plt.) berakhir, maka kewenangan Pejabat Penilai Kinerja
    dapat disesuaikan dengan kedudukan definitif penempatan Pegawai"."""
    plt = [{"nip": "P", "jenis": "plt", "jabatan": "Kepala Bidang X", "unit": "Bidang X", "mulai": "2026-02",
            "selesai": "2026-06", "nip_atasan": "SEKDA"}]
    during = efektif("2026-TW2", (), plt)
    assert during.atasan("P", "KADIS") == "SEKDA"
    assert during.label_penilai("P", "Bidang X") == "Plt. Kepala Bidang X"
    after = efektif("2026-TW3", (), plt)
    assert after.atasan("P", "KADIS") == "KADIS"
    assert after.label_penilai("P", "Bidang X") is None
    plh = efektif("2026-03", (), [dict(plt[0], jenis="plh", nip_atasan=None)])
    assert plh.label_penilai("P", "Bidang X") == "Plh. Kepala Bidang X"
    assert plh.atasan("P", "KADIS") == "KADIS"


def test_report_of_the_moved_pegawai_says_so(sample_ws, mutasi):
    from kinerja.report import render as report

    lap = report.prepare(None, "2026", ws=sample_ws)
    html = report.employee_html(lap, mutasi[1]["nip"])
    assert "pindah (mutasi)" in html and "Agustus 2026" in html and "angka 13" in html


def test_same_nip_twice_in_pegawai_is_still_refused_use_penempatan(tmp_path):
    ws_dir = tmp_path / "ws"
    shutil.copytree(SAMPLE_CSV, ws_dir)
    peg = pd.read_csv(ws_dir / "pegawai.csv", dtype=str)
    pd.concat([peg, peg.iloc[[5]]]).to_csv(ws_dir / "pegawai.csv", index=False)
    with pytest.raises(ValidationErrors):
        load_workspace(ws_dir)
