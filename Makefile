# Two commands for a fresh machine with Python 3.11+ and make:  `make demo`  and  `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WORKSPACE ?= workspace

.PHONY: install system demo test bench

# (Re)install when pyproject.toml changes. rfc3987-syntax (pulled in by jsonschema[format-nongpl])
# adds ~1.7 s to every `import nbformat`; jsonschema prefers rfc3987, so the slow one is removed.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	$(BIN)/python -m pip uninstall -y -q rfc3987-syntax || true
	$(BIN)/python -m compileall -q kinerja   # PYTHONDONTWRITEBYTECODE=1 machines: no compile on every start
	touch $(STAMP)

install: $(STAMP)

# The evaluators' app on the sample instansi: create workspace/ (copy + database) if missing, serve it.
demo: $(STAMP)
	@test -f $(WORKSPACE)/kinerja.db || { mkdir -p $(WORKSPACE) && cp -n data_samples/instansi_contoh/*.csv $(WORKSPACE)/ && $(BIN)/kinerja init $(WORKSPACE); }
	@echo "Membuka aplikasi penilai: http://127.0.0.1:$${PORT:-8866}/  (formulir: /voila/render/02_form_penilaian.ipynb)"
	$(BIN)/kinerja serve $(WORKSPACE) --port $${PORT:-8866}

# System packages some tests need (browser, PDF; PostgreSQL, for which tests/db_backends.py starts a
# throwaway cluster). Installed when we are root with apt; otherwise those
# tests skip with a message naming the package (CI sets KINERJA_REQUIRE_BROWSER=1: they fail instead).
SYSTEM_PKGS := chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql util-linux
system:
	@missing=$$(for p in $(SYSTEM_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Memasang paket sistem: $$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	    || echo "Gagal memasang $$missing; tes yang membutuhkannya akan dilewati."; \
	else echo "Paket sistem belum ada: $$missing (apt-get install $$missing); tes yang membutuhkannya dilewati."; fi

test: $(STAMP) system
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_scoring.py
	$(BIN)/python bench/bench_reports.py --pdf-pegawai 100
	$(BIN)/python bench/bench_app.py
