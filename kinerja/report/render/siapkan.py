"""Load and score one periode once per shard (:func:`prepare`); the date each document carries."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kinerja.domain.periode import Periode, parse_periode
from kinerja.report import laporan_360


@dataclass
class Laporan:
    """Everything the reports of one shard need, scored once (vectorised)."""

    ws: object
    periode: Periode
    data: object                      # PeriodeData of the periode
    scheme: object                    # the scheme module used for "how this was computed"
    scheme_cfg: dict | None
    scores: pd.DataFrame              # scheme score, indexed by nip
    s22: pd.DataFrame                 # permenpanrb-2022 score (ratings, predikat), indexed by nip
    indikator: dict                   # nip -> list of indikator records (with capaian)
    rhk: dict                         # nip -> list of RHK records
    perilaku: dict                    # nip -> {aspek: {"rating", "catatan"}}
    trend: dict                       # nip -> list of {"label", "capaian", "predikat"}
    angka_kredit: pd.DataFrame        # indexed by nip
    rules: list
    instansi: str
    tempat: str
    tanggal: _dt.date | None          # --tanggal: one date for every document (None: see tanggal_dokumen)
    inputs_mtime: float
    options: dict = field(default_factory=dict)

    @property
    def pegawai(self) -> pd.DataFrame:
        return self.data.pegawai


def _instansi(ws) -> str:
    org = getattr(ws, "organisasi", None)
    if org is not None and "instansi" in org.columns:
        vals = org["instansi"].dropna().astype(str)
        vals = vals[vals.str.strip() != ""]
        if len(vals):
            return vals.mode().iloc[0]
    return "-"


def inputs_mtime(path) -> float:
    """The newest modification time of a workspace's inputs (data files, database, config files)."""
    if path is None:
        return 0.0
    p = Path(path)
    if p.is_file():
        return p.stat().st_mtime
    if not p.is_dir():
        return 0.0
    times = [f.stat().st_mtime for f in p.iterdir()
             if f.is_file() and f.suffix.lower() in (".csv", ".xlsx", ".db", ".toml")]
    return max(times, default=0.0)


def _records_by_nip(df: pd.DataFrame) -> dict:
    out: dict = {}
    if df.empty:
        return out
    for nip, g in df.groupby("nip", sort=False):
        out[nip] = g.to_dict("records")
    return out


def _trend(ws, periode: Periode, s22mod, nips) -> dict:
    from kinerja.schemes import periode_data

    rows = {n: [] for n in nips}
    for tw in periode.tahunan().bagian("triwulan"):
        label = f"TW {['I', 'II', 'III', 'IV'][tw.nomor - 1]}"
        real = ws.realisasi
        has = set(real.loc[real["periode"] == tw.kode, "nip"])
        if not has:
            for n in nips:
                rows[n].append({"label": label, "kode": tw.kode, "capaian": float("nan"), "predikat": None})
            continue
        d = periode_data(ws, tw)
        sc = s22mod.score(d).set_index("nip")
        for n in nips:
            if n in has and n in sc.index:
                r = sc.loc[n]
                rows[n].append({"label": label, "kode": tw.kode, "capaian": float(r["capaian_rata"]),
                                "predikat": r["predikat"] if isinstance(r["predikat"], str) else None})
            else:
                rows[n].append({"label": label, "kode": tw.kode, "capaian": float("nan"), "predikat": None})
    return rows


def prepare(workspace, periode, *, scheme: str = "permenpanrb-2022", config: str | None = None,
            db_url: str | None = None, nips: Iterable[str] | None = None, unit: str | None = None,
            tempat: str | None = None, tanggal=None, ws=None) -> Laporan:
    """Load (or take ``ws``) and score one periode once, for the reports of a shard.

    ``nips``/``unit`` restrict the per-pegawai preparation (scores are computed on the whole
    workspace, so unit heads and the kurva see everyone).
    """
    from kinerja.schemes import angka_kredit
    from kinerja.report import feedback
    from kinerja.schemes import periode_data
    from kinerja.schemes import get_scheme
    from kinerja.schemes import permenpanrb_2022 as s22mod

    if ws is None:
        from kinerja.dataset.workspace import open_workspace

        ws = open_workspace(workspace, db_url=db_url)
    path = getattr(ws, "path", None) or (Path(workspace) if workspace else None)
    p = parse_periode(periode)
    mod = get_scheme(scheme)
    cfg = mod.load_config(path=config, workspace=path)  # shipped < workspace copy < --config
    data = periode_data(ws, p, cfg if mod is s22mod else None)
    s22 = s22mod.score(data).set_index("nip", drop=False)
    s22.index.name = None
    scores = s22 if mod is s22mod else mod.score(data, cfg).set_index("nip", drop=False)
    scores.index.name = None

    sel = pd.Index(data.pegawai.index)
    if unit:
        sel = sel[data.pegawai.loc[sel, "unit"].to_numpy() == unit]
    if nips is not None:
        want = [str(n) for n in nips]
        sel = sel[sel.isin(want)]
    from kinerja.dataset.frames import subset

    part = subset(data, list(sel))
    ind = s22mod.capaian_per_indikator(part)
    rhk = s22mod.capaian_per_rhk(part, ind)
    per = part.perilaku
    per_map: dict = {}
    for r in per.to_dict("records"):
        per_map.setdefault(r["nip"], {})[r["aspek"]] = {"rating": r.get("rating"), "catatan": r.get("catatan")}
    ak = angka_kredit.angka_kredit_frame(s22.loc[list(sel), ["nip", "predikat"]], data.pegawai,
                                         bulan=p.bulan).set_index("nip")
    return Laporan(
        ws=ws, periode=p, data=data, scheme=mod, scheme_cfg=cfg, scores=scores, s22=s22,
        indikator=_records_by_nip(ind), rhk=_records_by_nip(rhk), perilaku=per_map,
        trend=_trend(ws, p, s22mod, list(sel)), angka_kredit=ak,
        rules=feedback.load_rules(path if path and Path(path).is_dir() else None),
        instansi=_instansi(ws), tempat=tempat or "", tanggal=_as_date(tanggal),
        inputs_mtime=inputs_mtime(path),
        options={"selected": list(sel), "part": part, "hasil360": laporan_360.hasil_periode(ws, p),
                 "tanggal_evaluasi": tanggal_evaluasi(path, db_url, p)},
    )


def akhir_periode(p: Periode) -> _dt.date:
    """The last day of the periode (the default date of its documents)."""
    import calendar

    return _dt.date(p.tahun, p.bulan_akhir, calendar.monthrange(p.tahun, p.bulan_akhir)[1])


def tanggal_evaluasi(path, db_url, p: Periode) -> dict:
    """nip -> the date the Pejabat Penilai last set a final rating, from the store's audit trail
    (``penilaian.rating_hasil_kerja`` / ``rating_perilaku``). Empty for a workspace of files."""
    from kinerja.store.engine import db_url_for

    try:
        url = db_url_for(path, db_url) if (path is not None or db_url) else None
    except Exception:  # noqa: BLE001  (no database: no recorded dates)
        url = None
    if not url:
        return {}
    try:
        from kinerja.store.core import Store

        a = Store(url, upgrade=False).riwayat(periode=p)
    except Exception:  # noqa: BLE001  (an old or foreign database: fall back to the periode's end)
        return {}
    a = a[(a["tabel"] == "penilaian") & a["kolom"].isin(["rating_hasil_kerja", "rating_perilaku"])]
    out = {}
    for nip, waktu in zip(a["nip"], a["waktu"]):
        try:
            d = _dt.datetime.fromisoformat(str(waktu)).astimezone().date()
        except ValueError:
            continue
        if isinstance(nip, str) and (nip not in out or d > out[nip]):
            out[nip] = d
    return out


def tanggal_dokumen(lap: "Laporan", nip: str | None = None) -> _dt.date:
    """The date printed on a document: ``--tanggal`` when given; else, for a pegawai whose final ratings
    the store recorded on or after the periode's end, that date; else the last day of the periode."""
    if lap.tanggal is not None:
        return lap.tanggal
    akhir = akhir_periode(lap.periode)
    d = lap.options.get("tanggal_evaluasi", {}).get(nip) if nip else None
    return d if d is not None and d >= akhir else akhir


def _as_date(v) -> _dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    try:
        return _dt.date.fromisoformat(str(v).strip())
    except ValueError:
        raise ValueError(f"tanggal '{v}' tidak sah; tulis sebagai TTTT-BB-HH, misalnya 2027-01-15") from None
