# Two commands for a fresh machine with Python 3.11+ and make:  `make demo`  and  `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WORKSPACE ?= workspace

.PHONY: install demo test bench

# (Re)install when pyproject.toml changes. rfc3987-syntax (pulled in by jsonschema[format-nongpl])
# adds ~1.7 s to every `import nbformat`; jsonschema prefers rfc3987, so the slow one is removed.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	$(BIN)/python -m pip uninstall -y -q rfc3987-syntax || true
	touch $(STAMP)

install: $(STAMP)

# The evaluators' app on the sample instansi: create workspace/ (copy + database) if missing, serve it.
demo: $(STAMP)
	@test -f $(WORKSPACE)/kinerja.db || { mkdir -p $(WORKSPACE) && cp -n data_samples/instansi_contoh/*.csv $(WORKSPACE)/ && $(BIN)/kinerja init $(WORKSPACE); }
	@echo "Membuka aplikasi penilai: http://127.0.0.1:$${PORT:-8866}/  (formulir: /voila/render/02_form_penilaian.ipynb)"
	$(BIN)/kinerja serve $(WORKSPACE) --port $${PORT:-8866}

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_scoring.py
	$(BIN)/python bench/bench_reports.py --pdf-pegawai 100
	$(BIN)/python bench/bench_app.py
