"""Roles as data (issue 11): accounts, role scopes, passwords, the login rate limit and `kinerja akun`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kinerja.errors import InputError
from kinerja.services import akses
from kinerja.store import akun
from kinerja.store.core import Store

KEPALA = "198704172011072290"


@pytest.fixture
def st(tmp_path, sample_ws):
    s = Store(f"sqlite:///{tmp_path / 'kinerja.db'}")
    s.init_from(sample_ws, oleh="tes")
    return s


def _peg(st):
    return st.to_workspace()["pegawai"]


def test_roles_and_scopes(st):
    peg = _peg(st)
    bawahan = peg.loc[peg["nip_atasan"] == KEPALA, "nip"].tolist()
    lain = peg.loc[(peg["nip_atasan"] != KEPALA) & (peg["nip"] != KEPALA), ["nip", "unit"]]
    pen = akses.tambah_akun(st, "Yuni", nip=KEPALA, peran=["pejabat_penilai"], sandi=None, oleh="sdm")
    assert pen.username == "yuni" and pen.nip == KEPALA
    assert all(akses.boleh_baca(pen, n, peg) for n in bawahan + [KEPALA])
    assert not any(akses.boleh_baca(pen, n, peg) for n in lain["nip"])
    unit = lain["unit"].iloc[0]
    hr = akses.tambah_akun(st, "hr.unit", nip=None, peran=[f"admin_hr:{unit}"], sandi=None, oleh="sdm")
    assert akses.boleh_baca(hr, lain["nip"].iloc[0], peg)
    assert not akses.boleh_baca(hr, peg.loc[peg["unit"] != unit, "nip"].iloc[0], peg)
    semua = akses.tambah_akun(st, "hr", nip=None, peran=["admin_hr:*"], sandi=None, oleh="sdm")
    assert all(akses.boleh_baca(semua, n, peg) for n in peg["nip"])
    peg_self = akses.tambah_akun(st, "dian", nip=bawahan[0], peran=["pegawai"], sandi=None, oleh="sdm")
    assert akses.boleh_baca(peg_self, bawahan[0], peg) and not akses.boleh_baca(peg_self, KEPALA, peg)
    pel = akses.tambah_akun(st, "pelatih", nip=None, peran=["pelatih"], sandi=None, oleh="sdm")
    assert not any(akses.boleh_baca(pel, n, peg) for n in peg["nip"])


def test_which_role_opens_which_app(st):
    pen = akses.tambah_akun(st, "yuni", nip=KEPALA, peran=["pejabat_penilai"], sandi=None, oleh="sdm")
    hr = akses.tambah_akun(st, "hr", nip=None, peran=["admin_hr:*"], sandi=None, oleh="sdm")
    assert akses.boleh_buka(pen, "02_form_penilaian.ipynb").boleh
    assert akses.boleh_buka(pen, "01_muat_rencana.ipynb").status == 403
    assert akses.boleh_buka(hr, "01_muat_rencana.ipynb").boleh
    assert not akses.boleh_buka(hr, "02_form_penilaian.ipynb").boleh
    for nb in ("03_laporan_pegawai.ipynb", "04_ringkasan_unit.ipynb"):
        for who, demo in ((hr, False), (None, True), (pen, False)):
            assert akses.boleh_buka(who, nb, demo=demo).status == 404
    assert akses.boleh_buka(None, "02_form_penilaian.ipynb").status == 401
    assert akses.boleh_buka(None, "02_form_penilaian.ipynb", demo=True).boleh
    assert akses.boleh_buka(None, "09_survei_responden.ipynb").boleh      # the anonymous IKM respondent
    assert akses.boleh_buka(hr, "99_baru.ipynb").status == 404            # deny by default
    akun.atur_aktif(st.engine, "yuni", False, oleh="sdm")
    assert akses.boleh_buka(akses.pengguna(st.engine, "yuni"), "02_form_penilaian.ipynb").status == 403


def test_accounts_need_valid_data(st):
    with pytest.raises(InputError, match="perlu NIP"):
        akses.tambah_akun(st, "xy", nip=None, peran=["pejabat_penilai"], sandi=None, oleh="sdm")
    with pytest.raises(InputError, match="tidak ada di data pegawai"):
        akses.tambah_akun(st, "xy", nip="199901012020011999", peran=["pegawai"], sandi=None, oleh="sdm")
    with pytest.raises(InputError, match="peran 'raja' tidak dikenal"):
        akses.tambah_akun(st, "xy", nip=KEPALA, peran=["raja"], sandi=None, oleh="sdm")
    with pytest.raises(InputError, match="perlu cakupan"):
        akses.tambah_akun(st, "xy", nip=None, peran=["admin_hr"], sandi=None, oleh="sdm")
    with pytest.raises(InputError, match="minimal"):
        akses.tambah_akun(st, "xy", nip=KEPALA, peran=["pegawai"], sandi="pendek", oleh="sdm")
    with pytest.raises(InputError, match="nama pengguna"):
        akses.tambah_akun(st, "eve <script>", nip=KEPALA, peran=["pegawai"], sandi=None, oleh="sdm")
    akses.tambah_akun(st, "xy", nip=KEPALA, peran=["pegawai"], sandi=None, oleh="sdm")
    with pytest.raises(InputError, match="sudah ada"):
        akses.tambah_akun(st, "XY", nip=KEPALA, peran=["pegawai"], sandi=None, oleh="sdm")
    assert akses.pengguna(st.engine, "eve-1987.0417.2011.0722-90@evil") is None
    assert akses.pengguna(st.engine, KEPALA) is None   # a NIP is not a user name


def test_passwords_are_argon2_and_audited(st):
    akses.tambah_akun(st, "yuni", nip=KEPALA, peran=["pejabat_penilai"], sandi="kata-sandi-panjang", oleh="sdm")
    row = akun.baca(st.engine, "yuni")
    assert row["sandi_hash"].startswith("$argon2id$") and "kata-sandi-panjang" not in row["sandi_hash"]
    assert akses.periksa_sandi(st.engine, "yuni", "kata-sandi-panjang").nip == KEPALA
    assert akses.periksa_sandi(st.engine, "YUNI", "kata-sandi-panjang") is not None
    assert akses.periksa_sandi(st.engine, "yuni", "kata-sandi-salah") is None
    assert akses.periksa_sandi(st.engine, "siapa", "kata-sandi-panjang") is None
    akses.reset_sandi(st, "yuni", "sandi-baru-sekali", oleh="sdm")
    assert akses.periksa_sandi(st.engine, "yuni", "kata-sandi-panjang") is None
    assert akses.periksa_sandi(st.engine, "yuni", "sandi-baru-sekali") is not None
    akun.atur_aktif(st.engine, "yuni", False, oleh="sdm")
    assert akses.periksa_sandi(st.engine, "yuni", "sandi-baru-sekali") is None
    audit = st.riwayat()
    audit = audit[audit["tabel"] == "akun"]
    assert set(audit["kolom"]) >= {"akun", "peran", "sandi", "aktif"}
    assert set(audit["oleh"]) == {"sdm"}
    assert not audit.astype(str).apply(lambda c: c.str.contains("argon2|sandi-baru")).any().any()


@pytest.mark.parametrize("di", ["memori", "basis_data"])
def test_login_rate_limit(di, st):
    now = [1000.0]
    engine = (lambda: st.engine) if di == "basis_data" else None
    lim = akses.PembatasLogin(maks=3, jendela=60, jam=lambda: now[0], engine=engine)
    for _ in range(3):
        assert not lim.tertahan("yuni", "10.0.0.1")
        lim.catat_gagal("yuni", "10.0.0.1")
    assert lim.tertahan("yuni", "10.0.0.2")        # the name is held, from any address
    assert not lim.tertahan("made", "10.0.0.1")    # the shared office address is not (yet)
    now[0] += 61
    assert not lim.tertahan("yuni", "10.0.0.1")    # the window passed
    for i in range(12):
        lim.catat_gagal(f"u{i}", "10.0.0.9")
    assert lim.tertahan("siapa-saja", "10.0.0.9")   # one address guessing many names


def test_failed_logins_survive_a_server_restart(st):
    """Issue 11: the counters are in the workspace database, so restarting `kinerja serve` does not
    give an attacker a fresh set of guesses; a successful login clears the name's counter."""
    now = [5000.0]
    first = akses.PembatasLogin(maks=3, jendela=900, jam=lambda: now[0], engine=lambda: st.engine)
    for _ in range(3):
        first.catat_gagal("yuni", "10.0.0.1")
    restarted = akses.PembatasLogin(maks=3, jendela=900, jam=lambda: now[0], engine=lambda: st.engine)
    assert restarted.tertahan("yuni", "10.0.0.5")
    restarted.berhasil("yuni")
    assert not restarted.tertahan("yuni", "10.0.0.5")
    now[0] += 901   # old records are dropped as new failures are written
    restarted.catat_gagal("made", "10.0.0.1")
    assert akun.jumlah_gagal(st.engine, "a:10.0.0.1", 0) == 1


def test_cli_akun(tmp_path):
    ws = tmp_path / "ws"
    subprocess.run([sys.executable, "-m", "kinerja.cli", "sample", "--contoh", "--out", str(ws)], check=True,
                   capture_output=True)
    subprocess.run([sys.executable, "-m", "kinerja.cli", "init", str(ws)], check=True, capture_output=True)

    def run(*a, stdin=""):
        return subprocess.run([sys.executable, "-m", "kinerja.cli", "akun", *a], input=stdin, text=True,
                              capture_output=True)

    r = run("tambah", str(ws), "yuni", "--nip", KEPALA, "--peran", "pejabat_penilai", "--sandi-stdin",
            stdin="sandi-yuni-2026\n")
    assert r.returncode == 0 and "Akun 'yuni' dibuat" in r.stdout
    r = run("tambah", str(ws), "hr", "--peran", "admin_hr:*", "--tanpa-sandi", "--oleh", "kepala.sdm")
    assert r.returncode == 0
    r = run("peran", str(ws), "yuni", "--tambah", "responden_360", "--hapus", "pejabat_penilai")
    assert r.returncode == 0 and "ditambahkan" in r.stdout and "dicabut" in r.stdout
    r = run("reset-sandi", str(ws), "yuni", "--sandi-stdin", stdin="pendek\n")
    assert r.returncode != 0 and "minimal" in (r.stdout + r.stderr)
    r = run("daftar", str(ws))
    assert "yuni" in r.stdout and "responden_360" in r.stdout and "pejabat_penilai" not in r.stdout
    assert "admin_hr:*" in r.stdout and "argon2" not in r.stdout
    r = run("tambah", str(ws), "eve", "--nip", "123", "--peran", "pegawai", "--tanpa-sandi")
    assert r.returncode != 0 and "tidak ada di data pegawai" in (r.stdout + r.stderr)
