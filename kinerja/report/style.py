"""One visual style for every kinerja chart and report.

* Rendering is always matplotlib's Agg (figures are built with :class:`matplotlib.figure.Figure`
  and an Agg canvas, never through pyplot), so charts work headless, in a process pool, in Voilà and
  in Papermill, and no global pyplot state leaks between reports.
* One palette: :data:`WARNA` for the document, :data:`WARNA_PREDIKAT` for the five predikat,
  :data:`WARNA_RATING` for the three ratings.
* One font family (DejaVu Sans, shipped with matplotlib and installed on Debian), used by the charts
  and by the report CSS, so the PDF embeds the same face the charts use.
* Indonesian numbers and dates from :mod:`kinerja.domain.format`: ``format_persen(87.5) == "87,5%"``.

``import kinerja.report.style`` does not import matplotlib; :func:`new_figure` does.
"""

from __future__ import annotations

from functools import lru_cache

from kinerja.domain import format as _fmt
from kinerja.domain import labels

LOCALE = _fmt.LOCALE
FONT_FAMILY = "DejaVu Sans"

# Document palette: a calm navy for structure, a warm accent, greys for grid and notes.
WARNA = {
    "utama": "#1f3a5f",      # navy: headings, Utama bars, lines
    "aksen": "#c8962c",      # gold: highlights, the pegawai's marker
    "tambahan": "#7d9cc0",   # light blue: Tambahan bars
    "teks": "#222222",
    "teks_lemah": "#5f6368",
    "garis": "#d0d5dc",      # grid and rules
    "latar": "#f4f6f9",      # table header / panel background
    "batas": "#b3261e",      # the 100% line and broken kurva rules
    "lain": "#9aa5b1",       # "others" in self-vs-others
}

# Predikat kinerja pegawai, best first: greens for good, amber/orange/red for below.
WARNA_PREDIKAT = {
    labels.SANGAT_BAIK: "#1b7a43",
    labels.BAIK: "#62a94b",
    labels.BUTUH_PERBAIKAN: "#e8b12b",
    labels.KURANG: "#e07b2c",
    labels.SANGAT_KURANG: "#c0392b",
}
# Text colour that reads on each predikat fill.
TEKS_PREDIKAT = {
    labels.SANGAT_BAIK: "#ffffff",
    labels.BAIK: "#ffffff",
    labels.BUTUH_PERBAIKAN: "#222222",
    labels.KURANG: "#ffffff",
    labels.SANGAT_KURANG: "#ffffff",
}
WARNA_RATING = {"di_atas": "#1b7a43", "sesuai": "#1f3a5f", "di_bawah": "#c0392b"}

# Sizes (inches) for the two chart sizes used by the report and the app.
UKURAN = {"small": (3.4, 3.0), "large": (5.6, 4.8), "wide": (7.0, 3.2), "half": (3.5, 3.2)}

RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_FAMILY, "Liberation Sans", "Arial", "sans-serif"],
    "font.size": 8.5,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlecolor": WARNA["utama"],
    "axes.titlepad": 8,
    "axes.labelsize": 8.5,
    "axes.labelcolor": WARNA["teks"],
    "axes.edgecolor": WARNA["garis"],
    "axes.linewidth": 0.8,
    "axes.grid": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "grid.color": WARNA["garis"],
    "grid.linewidth": 0.6,
    "xtick.color": WARNA["teks_lemah"],
    "ytick.color": WARNA["teks_lemah"],
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "legend.fontsize": 7.5,
    "legend.frameon": False,
    "text.color": WARNA["teks"],
    "figure.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.facecolor": "white",
    # Keep SVG text as text: small files, selectable text, and the report's own font renders it.
    "svg.fonttype": "none",
    "svg.hashsalt": "kinerja",  # deterministic SVG ids, so identical inputs give identical files
    "pdf.fonttype": 42,
}


# --------------------------------------------------------------------------- numbers

# One implementation, in kinerja.domain.format; these names stay for templates and charts.
format_angka = _fmt.angka          # 1234.5 -> "1.234,5"; missing -> "-"
format_persen = _fmt.persen        # 87.5 -> "87,5%"
format_tanggal = _fmt.tanggal      # "31 Desember 2026"


def predikat_color(predikat) -> str:
    try:
        return WARNA_PREDIKAT[labels.predikat_label(predikat)]
    except (ValueError, TypeError):
        return WARNA["lain"]


# --------------------------------------------------------------------------- matplotlib

def percent_formatter(digits: int = 0):
    """A matplotlib tick formatter printing ``87,5%``."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: format_persen(v, digits))


def _register_ipython_display() -> None:
    """Let a bare Figure display inline in a notebook / Voilà even though pyplot is never used."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    ip = get_ipython()
    if ip is None:
        return
    from matplotlib.figure import Figure

    fmt = ip.display_formatter.formatters["image/png"]
    if Figure not in fmt.type_printers:
        fmt.for_type(Figure, lambda fig: figure_to_png(fig, dpi=100))


@lru_cache(maxsize=1)
def _setup() -> None:
    import matplotlib

    matplotlib.rcParams.update(RC)
    _register_ipython_display()


def apply() -> None:
    """Apply the kinerja rcParams once per process (idempotent)."""
    _setup()


def new_figure(size="small", *, nrows: int = 1, ncols: int = 1, **subplot_kw):
    """A new Agg-backed Figure and its axes in the kinerja style (no pyplot involved)."""
    _setup()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figsize = UKURAN.get(size, size) if isinstance(size, str) else size
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.subplots(nrows, ncols, **subplot_kw)
    return fig, ax


def figure_of(ax, size="small", **kw):
    """(fig, ax): the given axes' figure, or a new styled one."""
    if ax is not None:
        _setup()
        return ax.figure, ax
    return new_figure(size, **kw)


def figure_to_svg(fig) -> str:
    """The figure as an inline ``<svg>`` element (no XML prolog/doctype), for HTML embedding."""
    import io

    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def figure_to_png(fig, dpi: int = 150) -> bytes:
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def figure_to_data_uri(fig, fmt: str = "svg") -> str:
    """A ``data:`` URI of the figure (``svg`` or ``png``) for an ``<img src=...>``."""
    import base64

    if fmt == "png":
        return "data:image/png;base64," + base64.b64encode(figure_to_png(fig)).decode("ascii")
    svg = figure_to_svg(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
