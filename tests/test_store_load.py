"""Load test (issue 11 point 3): 4 processes x 150 saves, on the same bawahan and on different
bawahan, on SQLite and on PostgreSQL. Every save is either applied or reported stale, and the final
data equals the last applied save of each field: 0 lost saves.

Each worker saves through :func:`kinerja.services.penilaian.simpan_penilaian` (a realisasi and a
perilaku note, unique values), reloading the sheet first, as a form does. The counts are printed
(run with ``-s`` to see them)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from kinerja.store.core import Store

from db_backends import db_url, pg_server, pg_template  # noqa: F401  (fixtures)

N_PROC, N_SAVES, P = 4, 150, "2026-TW1"

WORKER = textwrap.dedent("""
    import json, sys
    from kinerja.errors import StaleEditError
    from kinerja.services.penilaian import simpan_penilaian
    from kinerja.store.core import Store
    url, ev, nip, rhk, iki, tag, n, periode = sys.argv[1:9]
    st = Store(url)
    out = []
    print("siap", flush=True)
    sys.stdin.readline()  # all workers start together
    for i in range(int(n)):
        value = int(tag) * 100000 + i
        lb = st.lembar(ev, nip, periode)
        try:
            v = simpan_penilaian(st, ev, nip, periode, lb.versi, oleh=f"tab{tag}",
                                 realisasi=[{"rhk_id": rhk, "iki_id": iki, "realisasi": value}],
                                 perilaku=[{"aspek": "loyal", "rating": "sesuai", "catatan": f"c{value}"}],
                                 # the values move the usulan: a stored final rating then needs a reason
                                 penilaian={"alasan": "uji beban"})
            out.append([value, v])
        except StaleEditError:
            out.append([value, None])
    print(json.dumps(out), flush=True)
""")


def _run(tmp_path, url, jobs):
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    procs = [subprocess.Popen([sys.executable, str(script), url, *map(str, job), str(N_SAVES), P],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for job in jobs]
    for p in procs:
        assert p.stdout.readline().strip() == "siap"
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, _ = p.communicate(timeout=600)
        assert p.returncode == 0
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def _check(st, ev, nip, rhk, iki, v0, saves):
    """saves: [value, versi or None] of every attempt on this sheet. Returns (applied, stale, lost)."""
    applied = sorted((v, val) for val, v in saves if v is not None)
    stale = sum(1 for _val, v in saves if v is None)
    assert len(applied) + stale == len(saves)
    lb = st.lembar(ev, nip, P)
    # every applied save is one version, with no gaps: nobody applied a save without being counted
    assert [v for v, _ in applied] == list(range(v0 + 1, v0 + 1 + len(applied)))
    assert lb.versi == v0 + len(applied)
    last = applied[-1][1] if applied else None
    got = lb.indikator.set_index(["rhk_id", "iki_id"]).loc[(rhk, iki), "realisasi"]
    note = lb.perilaku.set_index("aspek").loc["loyal", "catatan"]
    # the audit holds every applied value, in version order, and no stale one
    aud = st.riwayat(nip=nip, periode=P)
    aud = aud[(aud["tabel"] == "realisasi") & (aud["kolom"] == "realisasi")]
    vals = [int(float(x)) for x in aud["baru"] if x is not None and float(x) >= 100000]
    lost = sum(1 for _v, val in applied if val not in set(vals))
    assert vals == [val for _v, val in applied]
    assert int(got) == last and note == f"c{last}"
    return len(applied), stale, lost


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["sama", "berbeda"])
def test_four_processes_150_saves_each_nothing_lost(db_url, tmp_path, mode):
    st = Store(db_url)
    pen = st.penilai().sort_values(["jumlah_bawahan", "nip"], ascending=[False, True])
    ev = pen.iloc[0]["nip"]
    nips = list(st.bawahan(ev, P)["nip"])
    assert len(nips) >= N_PROC
    targets = [nips[0]] * N_PROC if mode == "sama" else nips[:N_PROC]
    sheets = {}
    for nip in set(targets):
        lb = st.lembar(ev, nip, P)
        r = lb.indikator.iloc[0]
        sheets[nip] = (r.rhk_id, r.iki_id, lb.versi)
    jobs = [(ev, nip, sheets[nip][0], sheets[nip][1], t + 1) for t, nip in enumerate(targets)]
    results = _run(tmp_path, db_url, jobs)
    total = {"applied": 0, "stale": 0, "lost": 0}
    for nip in set(targets):
        saves = [s for (job, res) in zip(jobs, results) if job[1] == nip for s in res]
        a, s, lost = _check(st, ev, nip, sheets[nip][0], sheets[nip][1], sheets[nip][2], saves)
        total["applied"] += a
        total["stale"] += s
        total["lost"] += lost
    backend = db_url.split(":")[0].split("+")[0]
    print(f"\nbeban {backend} {mode}: {total}")
    assert total["applied"] + total["stale"] == N_PROC * N_SAVES
    assert total["lost"] == 0
    if mode == "berbeda":
        assert total["stale"] == 0  # different sheets never conflict
