"""Plt./Plh. atasan (issue 10 point 2, partly): who leads a unit comes from jabatan and jenis jabatan,
never from where the atasan sits (PermenPANRB 6/2022 Lampiran hlm. 90)."""

from conftest_io import KABID, KEPALA, STAF, base_rows, write_csvs

from kinerja.dataset.frames import build_periode_data, kepala_unit
from kinerja.io.files import load_workspace

YANKES_1 = "199203032018012001"
YANKES_2 = "199304042019031002"
KASI = "198705052010011003"


def _with_vacant_unit(tmp_path, kasi=False):
    """Bidang Yankes has no Kepala Bidang; the Kabid P2P is Plt. and evaluates its staff."""
    rows = base_rows()
    staff = [(YANKES_1, "Perawat Ahli Pertama", "fungsional"), (YANKES_2, "Pengelola Data", "pelaksana")]
    if kasi:
        staff.append((KASI, "Kepala Seksi Rujukan", "pengawas"))
    for nip, jabatan, jenis in staff:
        rows["pegawai"].append({"nip": nip, "nama": f"Pegawai {nip[-3:]}", "pangkat": "", "golongan": "",
                                "jabatan": jabatan, "jenis_jabatan": jenis, "unit": "Bidang Yankes",
                                "nip_atasan": KABID})
    return load_workspace(write_csvs(tmp_path, rows))


def test_plt_atasan_does_not_make_staff_unit_heads(tmp_path):
    """Lampiran hlm. 90 angka 3: "Atasan dari Pejabat Penilai Kinerja ... dapat mendelegasikan
    kewenangan evaluasi kinerja Pegawai kepada Pelaksana Tugas (Plt.) atau Pelaksana Harian (Plh.)";
    the staff are evaluated by the Plt. and stay staff."""
    ws = _with_vacant_unit(tmp_path)
    head = build_periode_data(ws, "2026").pegawai["kepala_unit"]
    assert not head[YANKES_1] and not head[YANKES_2]
    assert head[KABID] and head[KEPALA] and not head[STAF]  # the Plt. leads their own unit


def test_pengawas_of_vacant_unit_is_not_its_head(tmp_path):
    ws = _with_vacant_unit(tmp_path, kasi=True)
    head = build_periode_data(ws, "2026").pegawai["kepala_unit"]
    assert not head[KASI] and not head[YANKES_1]


def test_fungsional_leading_a_unit_is_its_head():
    """Lampiran hlm. 90 angka 7: "Pejabat fungsional dapat memperoleh delegasi kewenangan sebagai
    Pejabat Penilai Kinerja sepanjang pejabat fungsional dimaksud memimpin unit kerja" (a kepala
    sekolah, a kepala instalasi gizi)."""
    import pandas as pd

    peg = pd.DataFrame({
        "jabatan": ["Kepala Instalasi Gizi", "Nutrisionis Terampil", "Kepala Dinas", "Sekretaris"],
        "jenis_jabatan": ["fungsional", "fungsional", "jpt", "administrator"],
        "unit": ["Instalasi Gizi", "Instalasi Gizi", "Sekretariat", "Sekretariat"],
    })
    assert kepala_unit(peg).tolist() == [True, False, True, False]


def test_sample_plt_unit_has_no_head(sample_ws):
    """The sample's Bidang Pelayanan Kesehatan is led by a Plt. from another unit (plt.csv): the old
    rule (anyone whose atasan sits elsewhere) would make its staff heads; the rule from jabatan does not."""
    data = build_periode_data(sample_ws, "2026")
    peg = data.pegawai
    plt = sample_ws["plt"].iloc[0]
    staff = peg[peg["nip_atasan"] == plt["nip"]]
    staff = staff[staff["unit"] == plt["unit"]]
    assert len(staff) >= 4
    atasan_unit = staff["nip_atasan"].map(peg["unit"])
    assert (atasan_unit != staff["unit"]).all()          # the old rule would call them all heads
    assert not staff["kepala_unit"].any()
    assert peg["kepala_unit"].sum() == peg["unit"].nunique() - 1   # one head per unit but the vacant one
    assert peg.loc[plt["nip"], "kepala_unit"]                       # the Plt. still leads their own unit
