"""HTML to A4 PDF with WeasyPrint (fonts embedded, nothing fetched over the network)."""

from __future__ import annotations

from functools import lru_cache

from kinerja.report.render.teks import TEMPLATE_DIR, report_css


@lru_cache(maxsize=1)
def _pdf_tools():
    """Parsed CSS, font configuration and a URL fetcher that only allows ``data:`` URIs."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    fc = FontConfiguration()
    fetcher = URLFetcher(allowed_protocols={"data"})
    return CSS(string=report_css(), font_config=fc), fc, fetcher


def html_to_pdf(html: str) -> bytes:
    """Render report HTML (made with ``inline_css=False``) to PDF bytes with WeasyPrint (A4)."""
    from weasyprint import HTML

    css, fc, fetcher = _pdf_tools()
    return HTML(string=html, url_fetcher=fetcher, base_url=str(TEMPLATE_DIR)).write_pdf(
        stylesheets=[css], font_config=fc)
