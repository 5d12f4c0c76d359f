"""Property tests (hypothesis): vectorised scores == per-row reference; monotonicity; totality."""

from __future__ import annotations

import copy
import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.domain import labels
from kinerja.domain.config import load_config
from kinerja.schemes import kpi, permenpanrb_2022, pp46_2011
from reference_impl import assert_same, kpi_score, periode_data_from_rows, permenpanrb_2022_score, pp46_score

SETTINGS = settings(max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
PP46_MAP = load_config("pp46_2011")["nilai_rating_perilaku"]
KPI_CFGS = [kpi.load_config("kpi_pp30_2019"), kpi.load_config("kpi_360")]
UNITS = ("Sekretariat", "Bidang A")


finite = dict(allow_nan=False, allow_infinity=False)


@st.composite
def workspaces(draw):
    """A small random PeriodeData (1-4 pegawai, 0-3 RHK each, 1-3 indikator per RHK)."""
    n = draw(st.integers(1, 4))
    nips = [f"1990010120150310{i:02d}" for i in range(n)]
    peg, ind, per, pen = [], [], [], []
    for nip in nips:
        peg.append({"nip": nip, "nama": f"P{nip[-2:]}", "unit": draw(st.sampled_from(UNITS)),
                    "jenis_jabatan": draw(st.sampled_from(labels.JENIS_JABATAN)),
                    "kepala_unit": draw(st.booleans())})
        for k in range(draw(st.integers(0, 3))):
            jenis = draw(st.sampled_from(labels.JENIS_RHK))
            for j in range(draw(st.integers(1, 3))):
                aspek = draw(st.sampled_from(labels.ASPEK))
                target = draw(st.sampled_from([1.0, 4.0, 12.0, 100.0]) | st.floats(0.5, 500, **finite))
                real = draw(st.none() | st.floats(0, 2.5, **finite).map(lambda x, t=target: round(x * t, 3)))
                ind.append({"nip": nip, "rhk_id": f"R{k}", "iki_id": f"{k}.{j}", "jenis": jenis, "aspek": aspek,
                            "arah": draw(st.sampled_from(labels.ARAH)), "target": target,
                            "realisasi": math.nan if real is None else real,
                            "bobot": draw(st.sampled_from([math.nan, 5.0, 10.0, 25.0]))})
        for a in draw(st.lists(st.sampled_from(list(labels.BERAKHLAK)), unique=True, max_size=7)):
            per.append({"nip": nip, "aspek": a, "rating": draw(st.sampled_from(labels.RATINGS + (None,))),
                        "nilai": draw(st.just(math.nan) | st.floats(0, 120, **finite))})
        for a in draw(st.lists(st.sampled_from(list(labels.PERILAKU_PP46)), unique=True, max_size=6)):
            per.append({"nip": nip, "aspek": a,
                        "nilai": draw(st.just(math.nan) | st.floats(0, 100, **finite))})
        if draw(st.booleans()):
            pen.append({"nip": nip, "rating_hasil_kerja": draw(st.sampled_from(labels.RATINGS + (None,))),
                        "rating_perilaku": draw(st.sampled_from(labels.RATINGS + (None,))),
                        "nilai_tugas_tambahan": draw(st.sampled_from([math.nan, 1.0, 2.0])),
                        "nilai_kreativitas": draw(st.sampled_from([math.nan, 3.0]))})
    org = {u: draw(st.sampled_from(labels.CAPAIAN_ORGANISASI)) for u in UNITS if draw(st.booleans())}
    return periode_data_from_rows(peg, ind, per, pen, org)


# ----------------------------------------------------------------------------- score == reference
@SETTINGS
@given(workspaces())
def test_pp46_score_equals_reference(data):
    assert_same(pp46_2011.score(data), pp46_score(data, PP46_MAP))


@SETTINGS
@given(workspaces(), st.sampled_from(KPI_CFGS), st.booleans())
def test_kpi_score_equals_reference(data, cfg, hanya_utama):
    cfg = dict(cfg, hanya_utama=hanya_utama)
    assert_same(kpi.score(data, cfg), kpi_score(data, cfg))


# ----------------------------------------------------------------------------- monotonicity
def _raise_one(data, st_data, eligible):
    """A copy of data where one eligible indikator's realisasi is raised (missing -> a value)."""
    rows = [i for i, r in enumerate(data.indikator.to_dict("records")) if eligible(r)]
    if not rows:
        return None, None
    i = st_data.draw(st.sampled_from(rows))
    new = copy.copy(data)
    new.indikator = data.indikator.copy()
    old = new.indikator.at[i, "realisasi"]
    bump = st_data.draw(st.floats(0.001, 200, **finite))
    new.indikator.at[i, "realisasi"] = bump if pd.isna(old) else old + bump
    return new, data.indikator.at[i, "nip"]


def _not_lower(before: pd.DataFrame, after: pd.DataFrame, cols):
    b, a = before.set_index("nip"), after.set_index("nip")
    for nip in b.index:
        for c in cols:
            x, y = b.at[nip, c], a.at[nip, c]
            if pd.isna(x):
                continue
            assert y >= x - 1e-9, (nip, c, x, y)


@SETTINGS
@given(workspaces(), st.data())
def test_pp46_raising_kuantitas_kualitas_never_lowers(data, st_data):
    new, _ = _raise_one(data, st_data, lambda r: r["aspek"] in ("kuantitas", "kualitas"))
    if new is not None:
        _not_lower(pp46_2011.score(data), pp46_2011.score(new),
                   ["rata_nilai_kegiatan", "nilai_capaian_skp", "nilai_prestasi_kerja", "nilai"])


@SETTINGS
@given(workspaces(), st.data(), st.sampled_from(KPI_CFGS))
def test_kpi_raising_naik_realisasi_never_lowers(data, st_data, cfg):
    new, _ = _raise_one(data, st_data, lambda r: r["arah"] == "naik")
    if new is not None:
        _not_lower(kpi.score(data, cfg), kpi.score(new, cfg), ["nilai_hasil", "nilai_kinerja", "nilai"])


@settings(max_examples=50, deadline=None, database=None)
@given(st.sampled_from(["kuantitas", "kualitas"]), st.floats(0.01, 1e4, **finite),
       st.floats(0, 3, **finite), st.floats(0, 3, **finite))
def test_pp46_nilai_aspek_monotone_ratio(aspek, t, f1, f2):
    lo, hi = sorted((f1 * t, f2 * t))
    assert pp46_2011.nilai_aspek(aspek, t, lo) <= pp46_2011.nilai_aspek(aspek, t, hi) + 1e-9


@settings(max_examples=50, deadline=None, database=None)
@given(st.sampled_from(["waktu", "biaya"]), st.floats(0.01, 1e4, **finite),
       st.floats(0, 3, **finite), st.floats(0, 3, **finite))
def test_pp46_nilai_aspek_monotone_waktu_biaya(aspek, t, f1, f2):
    """Waktu/biaya: on each side of efisiensi 24 the formula is monotone - less time/cost is better
    while efisiensi <= 24 (R >= 0.76T); beyond it (R < 0.76T) the nilai is R/T x 100 and rises with R."""
    lo, hi = sorted((f1 * t, f2 * t))
    eff_lo, eff_hi = pp46_2011.efisiensi(t, lo), pp46_2011.efisiensi(t, hi)
    n_lo, n_hi = pp46_2011.nilai_aspek(aspek, t, lo), pp46_2011.nilai_aspek(aspek, t, hi)
    if eff_lo <= 24 and eff_hi <= 24:
        assert n_lo >= n_hi - 1e-9
    elif eff_lo > 24 + 1e-9 and eff_hi > 24 + 1e-9:
        assert n_lo <= n_hi + 1e-9
    assert pp46_2011.nilai_aspek(aspek, t, hi) == pytest.approx(
        pp46_2011.nilai_aspek_array([aspek], [t], [hi])[0], abs=1e-12)


# ----------------------------------------------------------------------------- PermenPANRB 6/2022


def _spellings():
    out = []
    for code, label in labels.RATING_LABEL.items():
        short = label.replace(" Ekspektasi", "")
        for s in (code, label, short, code.replace("_", " ")):
            out += [s, s.upper(), s.lower(), f"  {s} "]
    return out


@settings(max_examples=50, deadline=None, database=None)
@given(st.sampled_from(_spellings()), st.sampled_from(_spellings()))
def test_2022_predikat_total_over_all_spellings(hasil, perilaku):
    p = permenpanrb_2022.predikat(hasil, perilaku)
    assert p in labels.PREDIKAT
    assert p == permenpanrb_2022.predikat(labels.rating_code(hasil), labels.rating_code(perilaku))


def test_2022_kuadran_covers_every_pair():
    got = {(h, p): permenpanrb_2022.predikat(h, p) for h in labels.RATINGS for p in labels.RATINGS}
    assert len(got) == 9 and set(got.values()) == set(labels.PREDIKAT)


@SETTINGS
@given(workspaces())
def test_2022_score_equals_reference(data):
    assert_same(permenpanrb_2022.score(data), permenpanrb_2022_score(data, data.config))


@SETTINGS
@given(workspaces(), st.data())
def test_2022_raising_naik_realisasi_never_lowers(data, st_data):
    new, _ = _raise_one(data, st_data, lambda r: r["arah"] == "naik")
    if new is not None:
        _not_lower(permenpanrb_2022.score(data), permenpanrb_2022.score(new), ["capaian_rata", "nilai"])
