"""Charts: Figures (no pyplot), the kuadran highlight, kurva limits from config, SVG twins."""

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from kinerja.domain import labels


def test_import_kinerja_and_style_do_not_import_matplotlib():
    code = "import sys, kinerja, kinerja.report.style, kinerja.report.render, kinerja.batch.run, kinerja.cli.report; " \
           "print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_indonesian_number_format():
    from kinerja.report.style import format_angka, format_persen

    assert format_persen(87.5) == "87,5%"
    assert format_persen(100) == "100%"
    assert format_angka(1234.5) == "1.234,5"
    assert format_persen(float("nan")) == "-"


def test_kuadran_returns_figure_and_highlights_cell():
    from matplotlib.figure import Figure

    from kinerja.report.charts import kuadran_chart

    fig = kuadran_chart("di_atas", "sesuai")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    texts = [t.get_text().replace("\n", " ") for t in ax.texts]
    assert texts.count("Baik") == 3 and "Sangat Baik" in texts
    bold = [t.get_text().replace("\n", " ") for t in ax.texts if t.get_fontweight() == "bold"]
    assert bold == ["Baik"]
    none = kuadran_chart()
    assert not [t for t in none.axes[0].texts if t.get_fontweight() == "bold"]


def test_kuadran_into_existing_axes():
    from kinerja.report.charts import kuadran_chart
    from kinerja.report.style import new_figure

    fig, ax = new_figure("large")
    assert kuadran_chart("Di Bawah Ekspektasi", "Di Atas Ekspektasi", ax=ax, size="large") is fig


@pytest.mark.parametrize("counts,capaian", [
    ({"Baik": 9, "Sangat Baik": 1}, "Baik"),
    ({"Sangat Baik": 1, "Baik": 2, "Butuh Perbaikan": 1, "Kurang/Misconduct": 3, "Sangat Kurang": 3}, "Sangat Kurang"),
    ({"Sangat Baik": 2, "Baik": 5, "Butuh Perbaikan": 1}, "Istimewa"),
])
def test_kurva_rules_agree_with_cek_kurva(counts, capaian):
    from kinerja.report.charts import kurva_chart, kurva_rules
    from kinerja.schemes.permenpanrb_2022 import cek_kurva

    rules = kurva_rules(capaian, counts)
    assert sum(r["dilanggar"] for r in rules) == len(cek_kurva(counts, capaian))
    fig = kurva_chart(counts, capaian)
    leg = fig.axes[0].get_legend()
    assert len(leg.get_texts()) == len(rules)
    assert ("Tidak sesuai" in leg.get_title().get_text()) == bool(cek_kurva(counts, capaian))


def test_kurva_without_capaian_has_no_limits():
    from kinerja.report.charts import kurva_chart

    fig = kurva_chart({"Baik": 3}, None)
    assert fig.axes[0].get_legend() is None


def test_other_charts_and_svg_embedding():
    from kinerja.report import charts

    ind = [{"rhk_id": "RHK-1", "iki_id": "1.1", "indikator": "Sampel diperiksa", "jenis": "utama", "capaian": 87.5},
           {"rhk_id": "RHK-2", "iki_id": "2.1", "indikator": "Laporan", "jenis": "tambahan", "capaian": 120.0}]
    rating = {"akuntabel": "di_atas", "Kompeten": "Sesuai Ekspektasi", "loyal": "di_bawah"}
    trend = [{"label": "TW I", "capaian": 95.0, "predikat": "Baik"}, {"label": "TW II", "capaian": float("nan")}]
    figs = [charts.capaian_chart(ind), charts.berakhlak_chart(rating, diri={"akuntabel": 3}, lainnya={"akuntabel": 2.4}),
            charts.trend_chart(trend, aktif="TW I"),
            charts.berakhlak_heatmap(__import__("pandas").DataFrame({"akuntabel": ["di_atas", "sesuai"]}, index=["A", "B"]))]
    for f in figs:
        svg = charts.figure_to_svg(f)
        assert svg.startswith("<svg") and "<script" not in svg
    assert "87,5%" in charts.figure_to_svg(figs[0])
    for svg in (charts.capaian_svg(ind), charts.trend_svg(trend, aktif="TW I"), charts.berakhlak_svg(rating)):
        ET.fromstring(svg)  # well-formed
    assert "87,5%" in charts.capaian_svg(ind)
    assert charts.svg_data_uri("<svg/>").startswith("data:image/svg+xml;base64,")
    assert charts.figure_to_data_uri(figs[0]).startswith("data:image/svg+xml;base64,")


def test_svg_escapes_text():
    from kinerja.report import charts

    svg = charts.capaian_svg([{"rhk_id": "<b>", "iki_id": "1", "indikator": "<script>x</script>", "jenis": "utama",
                               "capaian": 50}])
    assert "<script>" not in svg
    ET.fromstring(svg)


def test_predikat_colours_are_the_same_everywhere():
    from kinerja.report.style import WARNA_PREDIKAT

    assert list(WARNA_PREDIKAT) == list(labels.PREDIKAT)
