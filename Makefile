# Two commands for a fresh machine with Python 3.11+ and make:  `make demo`  and  `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WORKSPACE ?= workspace

.PHONY: install system system-apt demo test bench

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
# throwaway cluster; Node.js + npm for JupyterHub's configurable-http-proxy, tests/test_hub.py).
# Installed when we are root with apt; otherwise those tests skip with a message naming the package
# (CI sets KINERJA_REQUIRE_BROWSER=1: they fail instead). configurable-http-proxy comes from npm into
# the project-local .node/ (no root needed; tests/conftest.py:chp_command finds it). A node/npm already
# on PATH (e.g. NodeSource's nodejs, which bundles npm and conflicts with Debian's npm) counts as installed.
SYSTEM_PKGS := chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql util-linux nodejs npm
CHP_VERSION := 5.3.0
system: system-apt
	@if [ -x .node/node_modules/.bin/configurable-http-proxy ]; then exit 0; fi; \
	if command -v npm >/dev/null; then \
	  echo "Memasang configurable-http-proxy $(CHP_VERSION) (npm) ke .node/"; \
	  npm install --prefix .node --no-save --no-package-lock --no-audit --no-fund -s configurable-http-proxy@$(CHP_VERSION) \
	    || echo "Gagal memasang configurable-http-proxy; tes JupyterHub akan dilewati."; \
	else echo "npm belum ada (apt-get install nodejs npm); tes JupyterHub dilewati."; fi

system-apt:
	@missing=$$(for p in $(SYSTEM_PKGS); do dpkg -s $$p >/dev/null 2>&1 || \
	  case $$p in nodejs) command -v node >/dev/null;; npm) command -v npm >/dev/null;; *) false;; esac || echo $$p; done); \
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
	$(BIN)/python bench/bench_kernel.py
