"""The one number parser (kinerja.domain.angka): per-column decision of thousands vs decimal marks
(issue 10 point 3) and the form's scalar reading against the target (issue 10 point 4)."""

import math

import numpy as np
import pandas as pd
import pytest

from kinerja.domain.angka import baca_angka, is_ambiguous, parse_number_column, parse_numbers


@pytest.mark.parametrize("text,value", [
    ("87,5", 87.5), ("87.5", 87.5), ("1.250.000", 1_250_000), ("1.250,5", 1250.5), ("1,250.5", 1250.5),
    ("1,250,000", 1_250_000), ("Rp 1.250.000", 1_250_000), ("95%", 95), ("0,125", 0.125), ("-4,5", -4.5),
])
def test_unambiguous_forms(text, value):
    assert parse_numbers(pd.Series([text]))[0] == pytest.approx(value)
    assert parse_number_column(pd.Series([text]))[0][0] == pytest.approx(value)


@pytest.mark.parametrize("column,expected,undecided", [
    (["12", "2.400", "600"], [12, 2400, 600], [False] * 3),            # among whole numbers: thousands
    (["87,5", "2.400"], [87.5, 2400], [False, False]),                  # Indonesian column
    (["1.250.000", "2.400"], [1_250_000, 2400], [False, False]),
    (["87,5", "1,250"], [87.5, 1.25], [False, False]),                  # Indonesian: comma is decimal
    (["87.5", "2.400"], [87.5, 2.4], [False, False]),                   # English column
    (["1,250,000", "1,250"], [1_250_000, 1250], [False, False]),
    (["2.400"], [2.4], [True]),                                         # no evidence: undecided
    (["87.5", "87,5", "2.400"], [87.5, 87.5, 2.4], [False, False, True]),  # both: undecided
    (["0.125", "12"], [0.125, 12], [False, False]),                     # leading 0 is never thousands
    (["1.2500", "3"], [1.25, 3], [False, False]),
])
def test_column_decides_ambiguous_values(column, expected, undecided):
    vals, und = parse_number_column(pd.Series(column))
    assert np.allclose(vals, expected) and und.tolist() == undecided


def test_column_decision_is_order_free():
    a = parse_number_column(pd.Series(["2.400", "87,5"]))[0]
    b = parse_number_column(pd.Series(["87,5", "2.400"]))[0]
    assert a.tolist() == b[::-1].tolist() == [2400, 87.5]


@pytest.mark.parametrize("text,target,value", [
    ("2.530", 2400, 2530),        # issue 10: the form shows "2.400 sampel"
    ("2.530", 2.4, 2.53),
    ("1.250", None, 1250),        # Indonesian writing without context
    ("1,250", None, 1.25),
    ("87,5", 95, 87.5),
    ("120.000.000", 120_000_000, 120_000_000),
    ("0,125", 0.1, 0.125),
    (12, 10, 12.0),
])
def test_baca_angka(text, target, value):
    assert baca_angka(text, target) == pytest.approx(value)


def test_baca_angka_not_a_number():
    assert math.isnan(baca_angka("dua")) and math.isnan(baca_angka(None))


def test_is_ambiguous():
    assert is_ambiguous("2.400") and is_ambiguous("1,250") and is_ambiguous(" 2.400 ")
    assert not is_ambiguous("0.125") and not is_ambiguous("1.250.000") and not is_ambiguous("87,5")


def test_file_with_indonesian_target_reads_thousands(tmp_path):
    from conftest_io import base_rows, write_csvs

    from kinerja.io.files import load_workspace

    rows = base_rows()
    rows["skp"][2]["target"] = "2.400"
    ws = load_workspace(write_csvs(tmp_path, rows))
    assert ws.skp["target"].tolist()[2] == 2400
