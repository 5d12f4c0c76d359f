"""Configuration files (TOML) for numbers that come from secondary sources or local policy.

Shipped defaults live in ``kinerja/config/``. A workspace may override any of them with a file of
the same name in the workspace folder (e.g. ``WORKSPACE/permenpanrb_2022.toml``); only the keys
present in the override replace the defaults.
"""

from __future__ import annotations

import copy
import tomllib
from functools import lru_cache
from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parents[1] / "config"


@lru_cache(maxsize=None)
def _read(path: str) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def load_config(name: str, workspace: str | Path | None = None, path: str | Path | None = None) -> dict:
    """Load ``kinerja/config/<name>.toml``, overlaid by a workspace copy or an explicit ``path``."""
    cfg = copy.deepcopy(_read(str(CONFIG_DIR / f"{name}.toml")))
    for extra in ([Path(workspace) / f"{name}.toml"] if workspace else []) + ([Path(path)] if path else []):
        if extra.is_file():
            cfg = _merge(cfg, _read(str(extra.resolve())))
    return cfg
