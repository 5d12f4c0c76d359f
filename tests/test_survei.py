"""The public IKM survey service: anonymous rows in the ikm table, validation, cooldown per device,
rate limit per unit, and the response feeding the IKM analysis and an IKI with sumber = ikm."""

import datetime as dt

import pytest

from kinerja.errors import InputError
from kinerja.schemes import ikm
from kinerja.services import survei

SEMUA_3 = {u: 3 for u in ikm.UNSUR}


def _unit(store):
    return survei.unit_survei(store)[0]


def test_questions_cover_the_nine_unsur_with_four_answers():
    assert list(survei.PERTANYAAN) == list(ikm.UNSUR)
    assert all(len(jawab) == 4 and t.endswith("?") for t, jawab in survei.PERTANYAAN.values())
    assert survei.periode_survei(dt.datetime(2026, 11, 26)) == "2026-TW4"
    assert survei.periode_survei(dt.datetime(2027, 1, 1)) == "2027-TW1"


def test_response_is_stored_anonymously_and_counts_in_the_ikm(store):
    unit = _unit(store)
    w = dt.datetime(2026, 11, 26, 9, 30)
    before = store.to_workspace()["ikm"]
    n0 = len(before[(before["unit"] == unit) & (before["periode"] == "2026-TW4")])
    kode = survei.simpan_jawaban(store, unit, {u: 4 for u in ikm.UNSUR}, perangkat="1.2.3.4|Firefox", waktu=w)
    assert kode.startswith("w202611260930-") and "1.2.3.4" not in kode and "Firefox" not in kode
    after = store.to_workspace()["ikm"]
    rows = after[(after["unit"] == unit) & (after["periode"] == "2026-TW4")]
    assert len(rows) == n0 + 1
    row = rows[rows["responden"] == kode].iloc[0]
    assert [int(row[u]) for u in ikm.UNSUR] == [4] * 9
    assert ikm.hitung_ikm(rows)["responden"] == n0 + 1


def test_missing_or_bad_answers_are_refused_and_nothing_is_written(store):
    unit = _unit(store)
    n0 = len(store.to_workspace()["ikm"])
    bad = dict(SEMUA_3, u2=None, u5=5, u9="baik")
    with pytest.raises(InputError, match="Pertanyaan 2, 5, 9 belum dijawab"):
        survei.simpan_jawaban(store, unit, bad, perangkat="a")
    with pytest.raises(InputError, match="tidak dikenal"):
        survei.simpan_jawaban(store, "Unit Fiktif", SEMUA_3, perangkat="a")
    assert len(store.to_workspace()["ikm"]) == n0


def test_cooldown_per_device_and_rate_limit_per_unit(store, monkeypatch):
    unit = _unit(store)
    w = dt.datetime(2026, 11, 26, 10, 0)
    survei.simpan_jawaban(store, unit, SEMUA_3, perangkat="hp-1", waktu=w)
    with pytest.raises(survei.TerlaluSering, match="sudah kami terima"):
        survei.simpan_jawaban(store, unit, SEMUA_3, perangkat="hp-1", waktu=w + dt.timedelta(minutes=5))
    survei.simpan_jawaban(store, unit, SEMUA_3, perangkat="hp-2", waktu=w + dt.timedelta(minutes=5))  # another device
    survei.simpan_jawaban(store, unit, SEMUA_3, perangkat="hp-1", waktu=w + dt.timedelta(minutes=11))  # cooled down
    monkeypatch.setattr(survei, "BATAS_UNIT", 4)
    survei.simpan_jawaban(store, unit, SEMUA_3, perangkat="hp-3", waktu=w + dt.timedelta(minutes=12))
    with pytest.raises(survei.TerlaluSering, match="Terlalu banyak jawaban"):
        survei.simpan_jawaban(store, unit, SEMUA_3, perangkat="hp-4", waktu=w + dt.timedelta(minutes=13))
    # the limit is per unit and per window
    other = survei.unit_survei(store)[1]
    survei.simpan_jawaban(store, other, SEMUA_3, perangkat="hp-4", waktu=w + dt.timedelta(minutes=13))
    survei.simpan_jawaban(store, unit, SEMUA_3, perangkat="hp-4", waktu=w + dt.timedelta(minutes=75))


def test_device_key_from_forwarded_headers():
    assert survei.kunci_perangkat({"HTTP_X_FORWARDED_FOR": "10.0.0.7, 172.16.0.1",
                                   "HTTP_USER_AGENT": "Mozilla/5.0"}) == "10.0.0.7|Mozilla/5.0"
    assert survei.kunci_perangkat({}) is None


def test_web_responses_feed_an_iki_with_sumber_ikm(store):
    """An IKI declared sumber = ikm takes the unit's IKM, which moves with the web responses."""
    import sqlalchemy as sa

    from kinerja.schemes import periode_data

    ws = store.to_workspace()
    skp = ws.skp
    i = skp.index[skp["periode"] == 2026][0]
    nip, rhk, iki = skp.loc[i, ["nip", "rhk_id", "iki_id"]]
    unit = ws.pegawai.set_index("nip").loc[nip, "unit"]
    t = store.t["skp"]
    with store.engine.begin() as con:
        con.execute(sa.update(t).where(t.c.nip == nip, t.c.rhk_id == rhk, t.c.iki_id == iki).values(sumber="ikm"))
    t_ikm = store.t["ikm"]
    with store.engine.begin() as con:
        con.execute(sa.delete(t_ikm).where(t_ikm.c.unit == unit, t_ikm.c.periode == "2026-TW4"))

    def realisasi():
        d = periode_data(store.to_workspace(), "2026-TW4")
        ind = d.indikator
        return ind[(ind["nip"] == nip) & (ind["rhk_id"] == rhk) & (ind["iki_id"] == iki)]["realisasi"].iloc[0]

    w = dt.datetime(2026, 11, 2, 8, 0)
    survei.simpan_jawaban(store, unit, {u: 4 for u in ikm.UNSUR}, perangkat="a", waktu=w)
    assert realisasi() == pytest.approx(100.0)
    survei.simpan_jawaban(store, unit, {u: 2 for u in ikm.UNSUR}, perangkat="b", waktu=w)
    assert realisasi() == pytest.approx(75.0)  # (4 + 2) / 2 x 25
