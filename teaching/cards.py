"""Write the answer cards the student edition ships: ``energylib/data/cards/<set>.json``.

A card holds each problem's statement data (what is asked, unit, precision, hints,
the energylib functions a solution uses) and its answer key (salted hashes of grid
cells, :class:`energylib.problems.Key`), never an expected value.  The salt of an
existing card is kept, so rewriting unchanged problem sets changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from energylib.problems import make_card
from energylib.problemsets import MODULES, PROBLEM_SETS

ROOT = Path(__file__).resolve().parents[1]
CARDS = ROOT / "energylib" / "data" / "cards"


def card_text(set_key: str, salt: str | None = None) -> str:
    """The JSON text of a problem set's card."""
    data = make_card(PROBLEM_SETS[set_key], salt, set_key, MODULES[set_key].VARIANTS)
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def existing_salt(path: Path) -> str | None:
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return str(data["problems"][0]["key"]["salt"])


def write_cards(out: Path = CARDS) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for key, problem_set in PROBLEM_SETS.items():
        path = out / f"{problem_set.name}.json"
        path.write_text(card_text(key, existing_salt(path)), encoding="utf-8")
        written.append(path)
    return written
