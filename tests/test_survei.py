"""The online IKM survey service (kinerja.services.survei): anonymous answers into the ``ikm`` table,
validated like ikm.csv, a cooldown per device and a rate limit per unit, and the answers flowing into
the IKM analysis and into the realisasi of an IKI with sumber = ikm."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from db_backends import db_url, pg_server, pg_template  # noqa: F401  (fixtures: SQLite and PostgreSQL)

from kinerja.errors import ValidationErrors
from kinerja.schemes import ikm
from kinerja.services import survei as sv

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone.utc)   # inside 2026-TW4
TOKEN = "f" * 36
SEMUA_3 = {u: 3 for u in ikm.KOLOM_UNSUR}


@pytest.fixture
def store(db_url):
    """The seeded sample database, on SQLite and on PostgreSQL (the survey's SQL runs on both)."""
    from kinerja.store.core import Store

    st = Store(db_url)
    yield st
    st.engine.dispose()


def _ikm_rows(store, unit=None):
    t = store.t["ikm"]
    q = sa.select(t)
    if unit:
        q = q.where(t.c.unit == unit)
    with store.engine.connect() as con:
        return pd.DataFrame(con.execute(q).mappings().all())


def _audit(store):
    a = store.t["audit"]
    with store.engine.connect() as con:
        return pd.DataFrame(con.execute(sa.select(a).where(a.c.tabel == "ikm", a.c.kolom == "perangkat"))
                            .mappings().all(),
                            columns=[c.name for c in a.columns])


def test_answer_is_stored_anonymously(store):
    unit = sv.daftar_unit(store)[0]
    before = len(_ikm_rows(store, unit))
    jawaban = {u: (i % 4) + 1 for i, u in enumerate(ikm.KOLOM_UNSUR)}
    tanda = sv.kirim_jawaban(store, unit, jawaban, TOKEN, sekarang=NOW)
    assert tanda.periode == "2026-TW4" and tanda.unit == unit
    rows = _ikm_rows(store, unit)
    assert len(rows) == before + 1
    mine = rows[rows["responden"] == tanda.responden].iloc[0]
    assert [mine[u] for u in ikm.KOLOM_UNSUR] == [jawaban[u] for u in ikm.KOLOM_UNSUR]
    assert tanda.responden.startswith("daring-") and TOKEN not in tanda.responden
    # the audit row: the unit and a daily device hash; no answers, no responden code, no raw token
    au = _audit(store)
    assert len(au) == 1
    r = au.iloc[0]
    assert r["oleh"] == "responden anonim" and r["kunci"] == unit and r["nip"] is None
    assert r["baru"] == sv.jejak_perangkat(TOKEN, NOW.date()) and TOKEN not in str(r["baru"])
    assert tanda.responden not in " ".join(str(v) for v in r.to_numpy())
    # the hash of the same device changes with the day
    assert sv.jejak_perangkat(TOKEN, NOW.date()) != sv.jejak_perangkat(TOKEN, NOW.date() + dt.timedelta(days=1))


def test_second_answer_from_same_device_is_refused_until_the_cooldown_ends(store):
    jeda = sv.pengaturan()["jeda_perangkat_detik"]
    units = sv.daftar_unit(store)
    n0 = len(_ikm_rows(store))
    sv.kirim_jawaban(store, units[0], SEMUA_3, TOKEN, sekarang=NOW)
    for later, unit in ((1, units[0]), (jeda - 1, units[1])):  # same unit or another one
        with pytest.raises(sv.KirimanDitolak, match="perangkat ini baru saja kami terima"):
            sv.kirim_jawaban(store, unit, SEMUA_3, TOKEN, sekarang=NOW + dt.timedelta(seconds=later))
    assert len(_ikm_rows(store)) == n0 + 1 and len(_audit(store)) == 1    # nothing half-written
    # another device at once: accepted; the same device after the cooldown: accepted
    sv.kirim_jawaban(store, units[0], SEMUA_3, "e" * 36, sekarang=NOW + dt.timedelta(seconds=2))
    sv.kirim_jawaban(store, units[0], SEMUA_3, TOKEN, sekarang=NOW + dt.timedelta(seconds=jeda + 1))
    assert len(_ikm_rows(store)) == n0 + 3


def test_cooldown_holds_across_midnight(store):
    unit = sv.daftar_unit(store)[0]
    malam = dt.datetime(2026, 11, 20, 23, 59, 30, tzinfo=dt.timezone.utc)
    sv.kirim_jawaban(store, unit, SEMUA_3, TOKEN, sekarang=malam)
    with pytest.raises(sv.KirimanDitolak):
        sv.kirim_jawaban(store, unit, SEMUA_3, TOKEN, sekarang=malam + dt.timedelta(seconds=40))


def test_rate_limit_per_unit(store):
    cfg = ikm.config()
    cfg["survei"] = dict(cfg["survei"], batas_per_unit_per_menit=3)
    units = sv.daftar_unit(store)
    for i in range(3):
        sv.kirim_jawaban(store, units[0], SEMUA_3, f"{i:02d}" * 10, sekarang=NOW + dt.timedelta(seconds=i), cfg=cfg)
    with pytest.raises(sv.KirimanDitolak, match="terlalu banyak jawaban"):
        sv.kirim_jawaban(store, units[0], SEMUA_3, "99" * 10, sekarang=NOW + dt.timedelta(seconds=10), cfg=cfg)
    # another unit is not affected; the same unit a minute later is accepted again
    sv.kirim_jawaban(store, units[1], SEMUA_3, "98" * 10, sekarang=NOW + dt.timedelta(seconds=11), cfg=cfg)
    sv.kirim_jawaban(store, units[0], SEMUA_3, "97" * 10, sekarang=NOW + dt.timedelta(seconds=61), cfg=cfg)
    assert len(_ikm_rows(store, units[0])[lambda d: d["responden"].str.startswith("daring-")]) == 4


def test_bad_answers_and_unit_are_refused_with_the_ikm_csv_checks(store):
    n0 = len(_ikm_rows(store))
    bad = dict(SEMUA_3, u2=5, u7="baik")
    bad.pop("u9")
    with pytest.raises(ValidationErrors) as exc:
        sv.kirim_jawaban(store, "Unit Fiktif", bad, TOKEN, sekarang=NOW)
    msgs = {e.column: e.message for e in exc.value.errors}
    assert "di luar skala" in msgs["u2"] and "1-4" in msgs["u2"]
    assert "u7" in msgs and "u9" in msgs
    assert "tidak dipakai oleh pegawai" in msgs["unit"]
    assert {e.file for e in exc.value.errors} == {sv.SUMBER}
    assert len(_ikm_rows(store)) == n0 and _audit(store).empty
    # a refused (invalid) try does not start the device's cooldown
    sv.kirim_jawaban(store, sv.daftar_unit(store)[0], SEMUA_3, TOKEN, sekarang=NOW)


def test_missing_device_token_and_closed_periode_are_refused(store):
    unit = sv.daftar_unit(store)[0]
    with pytest.raises(sv.KirimanDitolak, match="tidak dikenali"):
        sv.kirim_jawaban(store, unit, SEMUA_3, "", sekarang=NOW)
    with pytest.raises(sv.KirimanDitolak, match="tidak sedang dibuka"):
        sv.kirim_jawaban(store, unit, SEMUA_3, TOKEN, periode="2026-TW1", sekarang=NOW)
    tanda = sv.kirim_jawaban(store, unit, SEMUA_3, TOKEN, periode="2026", sekarang=NOW)  # the year holds today
    assert tanda.periode == "2026"


def test_periode_berjalan_follows_the_cycle():
    assert sv.periode_berjalan(NOW, "triwulan") == "2026-TW4"
    assert sv.periode_berjalan(NOW, "semester") == "2026-S2"
    assert sv.periode_berjalan(NOW, "bulanan") == "2026-11"
    assert sv.periode_berjalan(NOW, "tahunan") == "2026"


def test_questionnaire_covers_the_nine_unsur_on_the_configured_scale():
    lo, hi = ikm.config()["skala_min"], ikm.config()["skala_max"]
    q = sv.kuesioner()
    assert [s["kode"] for s in q] == list(ikm.UNSUR)
    assert [s["unsur"] for s in q] == list(ikm.UNSUR.values())
    for s in q:
        assert [v for v, _ in s["pilihan"]] == list(range(lo, hi + 1))
        assert s["pertanyaan"].endswith("?")


def test_answers_reach_the_analysis_and_the_realisasi_of_an_iki_with_sumber_ikm(store):
    """End to end: answers sent through the service change the unit's IKM in the analysis and the
    realisasi of an IKI whose sumber is ikm (kinerja.schemes.periode_data -> isi_realisasi_ikm)."""
    from kinerja.schemes import periode_data

    ws0 = store.to_workspace()
    peg = ws0.pegawai.set_index("nip")
    skp = ws0.skp
    row = skp.iloc[0]
    unit = peg.loc[row["nip"], "unit"]
    t = store.t["skp"]
    with store.engine.begin() as con:
        con.execute(sa.update(t).where(t.c.nip == row["nip"], t.c.rhk_id == row["rhk_id"], t.c.iki_id == row["iki_id"])
                    .values(sumber="ikm"))
    periode = "2026-TW4"
    survei0 = store.to_workspace()["ikm"]
    before = ikm.ikm_periode(survei0, periode).set_index("unit").loc[unit]

    kiriman = [{u: 1 for u in ikm.KOLOM_UNSUR}, {u: 2 for u in ikm.KOLOM_UNSUR}]
    for i, j in enumerate(kiriman):
        sv.kirim_jawaban(store, unit, j, f"perangkat-{i}-" + "x" * 20, sekarang=NOW + dt.timedelta(seconds=i))

    ws = store.to_workspace()
    after = ikm.ikm_periode(ws["ikm"], periode).set_index("unit").loc[unit]
    lama = survei0[(survei0["unit"] == unit) & (survei0["periode"] == periode)]
    baru = pd.concat([lama, pd.DataFrame(kiriman).assign(unit=unit, periode=periode)], ignore_index=True)
    expected = ikm.hitung_ikm(baru[list(ikm.KOLOM_UNSUR)])
    assert after["responden"] == before["responden"] + 2
    assert after["ikm"] == pytest.approx(expected["ikm"]) and after["ikm"] < before["ikm"]

    data = periode_data(ws, periode)
    ind = data.indikator.set_index(["nip", "rhk_id", "iki_id"]).loc[(row["nip"], row["rhk_id"], row["iki_id"])]
    assert ind["realisasi"] == pytest.approx(expected["ikm"])
    assert f"{int(after['responden'])} responden" in ind["bukti"]


def test_links_and_qr_sheet(tmp_path):
    url = sv.tautan_unit("http://127.0.0.1:8866/", "Bidang Pelayanan Kesehatan")
    assert url == ("http://127.0.0.1:8866/voila/render/09_isi_survei_ikm.ipynb?"
                   "unit=Bidang%20Pelayanan%20Kesehatan")
    out = sv.lembar_qr(["Sekretariat", "Bidang Pelayanan Kesehatan"], "http://127.0.0.1:8866/", tmp_path / "qr.html")
    text = out.read_text(encoding="utf-8")
    assert text.count("<svg") == 2 and "Sekretariat" in text
    assert html_unescape(sv.tautan_unit("http://127.0.0.1:8866/", "Sekretariat")) in html_unescape(text)


def html_unescape(s: str) -> str:
    import html

    return html.unescape(s)


def test_analysis_tables_are_formatted_in_indonesian(sample_ws):
    """The tables of notebook 08: decimal commas, no NaN/None, no index column, the weakest unsur
    labelled (not colour only), periode labels."""
    import re

    from kinerja.report import ikm_charts

    survei = sample_ws["ikm"]
    rows = survei[(survei["unit"] == "Sekretariat") & (survei["periode"] == "2026-TW2")]
    hasil = ikm.hitung_ikm(rows)
    nrr = ikm_charts.tabel_nrr(hasil)
    assert f"{hasil['ikm']:.2f}".replace(".", ",") in nrr
    assert f"{hasil['nrr'][hasil['unsur_terlemah']]:.2f}".replace(".", ",") in nrr
    assert "(terlemah)" in nrr and nrr.count("<tr class=kn-sorot>") == 1
    tren = ikm.tren_ikm(survei)
    html = nrr + ikm_charts.tabel_unit(ikm.ikm_periode(survei, "2026-TW2")) + ikm_charts.tabel_tren(tren, "Sekretariat")
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html)
    assert cells and not any(c in ("NaN", "nan", "None") for c in cells)
    assert not re.search(r">\d+\.\d+<", html)            # no decimal dot
    assert "Triwulan II 2026" in html and "2026-TW2" not in html
    first = tren[tren["unit"] == "Sekretariat"].iloc[1]
    assert f"{first['ikm']:.2f}".replace(".", ",") in html


def test_respondent_app_wiring_without_a_browser(store):
    """The widget only wires: the service decides (second send from the same device refused; an unknown
    unit from a link is not used; nothing is sent before every question is answered)."""
    from kinerja.ui.survei import SurveiApp

    unit = sv.daftar_unit(store)[1]
    app = SurveiApp(store, unit, perangkat=TOKEN)
    assert app.unit == unit and app.unit_box.layout.display == "none"
    app.tombol["u1"][3].click()
    assert not app.kirim() and "nomor 2, 3" in app.pesan.teks and app.tanda is None
    for u in ikm.KOLOM_UNSUR:
        app.tombol[u][2].click()                      # the third answer = 3
    assert "ks-terpilih" in app.tombol["u1"][2]._dom_classes and "ks-terpilih" not in app.tombol["u1"][3]._dom_classes
    assert app.kirim() and app.form.layout.display == "none" and "Terima kasih" in app.terima_kasih.value
    rows = _ikm_rows(store, unit)
    mine = rows[rows["responden"] == app.tanda.responden].iloc[0]
    assert all(mine[u] == 3 for u in ikm.KOLOM_UNSUR)

    again = SurveiApp(store, unit, perangkat=TOKEN)
    for u in ikm.KOLOM_UNSUR:
        again.tombol[u][0].click()
    assert not again.kirim()
    assert again.pesan.jenis == "peringatan" and "baru saja kami terima" in again.pesan.teks
    assert not again.kirim_btn.disabled                # the resident may try again later

    unknown = SurveiApp(store, "Unit Tak Ada", perangkat=TOKEN)
    assert unknown.unit is None and unknown.unit_box.layout.display is None
    assert "tidak dikenal" in unknown.pesan.teks


def test_analysis_app_numbers_are_the_schemes(sample_ws):
    """The analysis page's IKM for a triwulan and for the year (pooled) is the scheme's ikm_periode."""
    from kinerja.ui.survei import AnalisisIkmApp

    app = AnalisisIkmApp(lambda: sample_ws, "Sekretariat", "2026-TW2")
    survei = sample_ws["ikm"]
    for periode in ("2026-TW2", "2026"):
        app.pilih_periode.value = periode
        row = ikm.ikm_periode(survei, periode).set_index("unit").loc["Sekretariat"]
        assert app.hasil["ikm"] == pytest.approx(row["ikm"]) and app.hasil["responden"] == row["responden"]
        assert f"{row['ikm']:.2f}".replace(".", ",") in app.ringkas.value
    assert "NaN" not in app.semua.value + app.tren.value + app.tahunan.value


def test_simultaneous_sends_from_one_device_store_exactly_one(store):
    """Two sends of the same device at the same instant (a double tap reaching two kernels): the write
    lock makes the second one see the first, so exactly one is stored, on SQLite and PostgreSQL."""
    import threading

    from kinerja.store.core import Store

    unit = sv.daftar_unit(store)[0]
    n0 = len(_ikm_rows(store, unit))
    stores = [Store(store.url) for _ in range(4)]
    gate = threading.Barrier(len(stores))
    hasil = []

    def kirim(st):
        gate.wait()
        try:
            hasil.append(sv.kirim_jawaban(st, unit, SEMUA_3, TOKEN, sekarang=NOW))
        except sv.KirimanDitolak as exc:
            hasil.append(exc)

    threads = [threading.Thread(target=kirim, args=(st,)) for st in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    for st in stores:
        st.engine.dispose()
    assert len(hasil) == len(stores)
    assert sum(isinstance(h, sv.Tanda) for h in hasil) == 1
    assert len(_ikm_rows(store, unit)) == n0 + 1 and len(_audit(store)) == 1
