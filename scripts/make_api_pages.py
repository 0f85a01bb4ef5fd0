"""Write the pages of the energylib reference (chapters/api/) and list them in _toc.yml.

    python scripts/make_api_pages.py          # rewrite the pages and the TOC part
    python scripts/make_api_pages.py --check  # exit 1 if they are not up to date

One page per top-level module of energylib (``automodule`` with ``:members:``, so autodoc
documents each name of the module's ``__all__``); a subpackage gets one page with a
section per submodule.  Run it after adding, renaming or removing a module;
tests/test_api_docs.py fails until the pages match the package.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import energylib  # noqa: E402

API = ROOT / "chapters" / "api"
CAPTION = "The energylib reference"
# Reading order of the reference: from units up to what the chapters draw; modules not
# named here follow, alphabetically.
ORDER = ["units", "validation", "dataset", "hardware", "training", "inference", "demand",
         "lifecycle", "caching", "agents", "rebound", "thermo", "analogies", "calibration",
         "montecarlo", "levers", "grid", "symbolic", "figures", "explorers", "style",
         "problemsets", "problems"]
# Extra automodule options, by module.
OPTIONS = {
    # ArgumentVerdict is a NamedTuple: its fields are documented in its Attributes section,
    # and autodoc would document them a second time as members.
    "energylib.rebound": [":exclude-members: effective_exponent, per_model_diverges, "
                          "present_value_finite, fleet_trend, backfire"],
}


def automodule(name: str, members: bool = True) -> list[str]:
    lines = ["```{eval-rst}", f".. automodule:: {name}"]
    if members:
        lines += ["   :members:", *(f"   {o}" for o in OPTIONS.get(name, []))]
    return [*lines, "```", ""]


def pages() -> dict[str, str]:
    """File stem -> text of each API page (the index page is hand-written)."""
    # energylib.__main__ is the command line (python -m energylib), documented by its --help.
    mods = sorted(m.name for m in pkgutil.walk_packages(energylib.__path__, "energylib.")
                  if not m.name.endswith("__main__"))
    out = {}
    for top in (m for m in mods if m.count(".") == 1):
        short = top.split(".")[1]
        lines = [f"(api-{short})=", f"# `{top}`", ""]
        if hasattr(importlib.import_module(top), "__path__"):
            lines += automodule(top, members=False)
            for sub in (m for m in mods if m.startswith(top + ".")):
                lines += [f"(api-{short}-{sub.split('.')[-1]})=", f"## `{sub}`", "",
                          *automodule(sub)]
        else:
            lines += automodule(top)
        out[short] = "\n".join(lines)
    return out


def toc_text(stems: list[str]) -> str:
    """_toc.yml with its reference part listing these pages (written in the file's style)."""
    text = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    ordered = [s for s in ORDER if s in stems] + sorted(s for s in stems if s not in ORDER)
    part = (f"  - caption: {CAPTION}\n    chapters:\n      - file: chapters/api/index\n"
            "        sections:\n"
            + "".join(f"          - file: chapters/api/{s}\n" for s in ordered))
    start = text.find(f"  - caption: {CAPTION}\n")
    back = text.index("  - caption: Back matter\n")
    if start < 0:
        start = back
    return text[:start] + part + text[back:]


def main(check: bool) -> int:
    want = pages()
    have = {p.stem: p.read_text(encoding="utf-8") for p in API.glob("*.md")
            if p.stem != "index"}
    toc_now = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    toc_want = toc_text(sorted(want))
    if check:
        stale = sorted(s for s in set(want) | set(have) if want.get(s) != have.get(s))
        if stale or toc_now != toc_want:
            print(f"API pages out of date: {stale or '_toc.yml'}; "
                  "run python scripts/make_api_pages.py")
            return 1
        return 0
    for stem in set(have) - set(want):
        (API / f"{stem}.md").unlink()
    for stem, text in want.items():
        (API / f"{stem}.md").write_text(text, encoding="utf-8")
    (ROOT / "_toc.yml").write_text(toc_want, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main("--check" in sys.argv[1:]))
