"""Extension point: other suggestions for the rating perilaku (the 360 feedback by default)."""

from __future__ import annotations

from collections.abc import Callable


_USULAN_PERILAKU: list[Callable] = []


def daftar_usulan_perilaku(fn: Callable) -> Callable:
    """Register ``fn(store, nip, periode) -> {"rating": code, "keterangan": str} | None`` (e.g. the
    360-degree feedback suggestion). Usable as a decorator. The form shows each non-empty result."""
    if fn not in _USULAN_PERILAKU:
        _USULAN_PERILAKU.append(fn)
    return fn


def _usulan_360(store, nip: str, periode: str) -> dict | None:
    """Default provider: the 360 feedback in the workspace database (lazy import)."""
    from kinerja.report.laporan_360 import usulan_perilaku_360

    return usulan_perilaku_360(store, nip, periode)


daftar_usulan_perilaku(_usulan_360)


def usulan_perilaku_lain(store, nip: str, periode: str) -> list[dict]:
    out = []
    for fn in _USULAN_PERILAKU:
        try:
            r = fn(store, nip, periode)
        except Exception as exc:  # a broken provider must not break the form
            r = {"rating": None, "keterangan": f"usulan tidak tersedia ({exc})"}
        if r:
            out.append(r)
    return out
