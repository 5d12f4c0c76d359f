"""The steps behind one pegawai's result, as data, plus a Bahasa Indonesia rendering.

Every scheme's ``explain(data, nip)`` returns an :class:`Explanation`. The same steps drive the
report's "Bagaimana nilai ini dihitung" section and the teaching notebooks. The numbers in the steps
are the numbers in the scheme's ``score`` output (tests check this).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kinerja.domain.format import nilai as format_value  # noqa: F401  (the one value formatter)


@dataclass
class Step:
    label: str                      # what this step computes, in Bahasa Indonesia
    formula: str                    # the rule, e.g. "capaian = realisasi / target x 100%"
    inputs: dict[str, Any]          # the numbers (or labels) put in, by name
    result: Any                     # the number or label that comes out
    source: str = ""                # where the rule comes from, e.g. "PermenPANRB 6/2022, Lampiran hlm. 99"
    key: str = ""                   # a stable machine name, e.g. "capaian_rhk:RHK-1"

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "formula": self.formula, "inputs": dict(self.inputs),
                "result": self.result, "source": self.source}


@dataclass
class Explanation:
    scheme: str
    nip: str
    periode: str
    steps: list[Step] = field(default_factory=list)

    def add(self, label, formula, inputs, result, source="", key="") -> Any:
        self.steps.append(Step(label, formula, inputs, result, source, key))
        return result

    def step(self, key: str) -> Step:
        return next(s for s in self.steps if s.key == key)

    def as_dicts(self) -> list[dict]:
        return [s.as_dict() for s in self.steps]

    def to_text(self) -> str:
        lines = [f"Penjelasan perhitungan ({self.scheme}) untuk NIP {self.nip}, periode {self.periode}:"]
        for i, s in enumerate(self.steps, 1):
            ins = ", ".join(f"{k} = {format_value(v)}" for k, v in s.inputs.items())
            lines.append(f"{i}. {s.label}")
            lines.append(f"   Rumus : {s.formula}")
            if ins:
                lines.append(f"   Masukan: {ins}")
            lines.append(f"   Hasil : {format_value(s.result)}")
            if s.source:
                lines.append(f"   Sumber: {s.source}")
        return "\n".join(lines)

    __str__ = to_text
