"""Write the chapters as notebooks for the book's JupyterLite site.

    python scripts/lite_notebooks.py OUT_DIR

Each chapter of _toc.yml (MyST Markdown) becomes OUT_DIR/chapters/<name>.ipynb via
jupytext, with one cell put first that only JupyterLite needs: install energylib from
the wheel bundled with the site (piplite), and stand in for myst_nb's ``glue``, which
only matters when the book is built (in JupyterLite it just shows the value).
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]

LITE_CELL = '''\
# JupyterLite only (this cell is not in the book): install energylib from the wheel
# bundled with this site, and stand in for myst_nb.glue (which only feeds the book).
%pip install -q energylib
import sys, types
from IPython.display import display as _display
_myst_nb = types.ModuleType("myst_nb")
_myst_nb.glue = lambda name, value, display=True: _display(value) if display else None
sys.modules.setdefault("myst_nb", _myst_nb)'''


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    return files


def main(out_dir: Path) -> list[Path]:
    written = []
    for name in toc_files():
        notebook = jupytext.read(ROOT / f"{name}.md")
        if any(cell.cell_type == "code" for cell in notebook.cells):
            cell = nbformat.v4.new_code_cell(LITE_CELL)
            cell.metadata["tags"] = ["jupyterlite-setup"]
            notebook.cells.insert(0, cell)
        notebook.metadata["kernelspec"] = {"name": "python", "display_name": "Python (Pyodide)",
                                           "language": "python"}
        target = out_dir / f"{name}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)
        written.append(target)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in main(Path(sys.argv[1])):
        print(f"lite_notebooks: wrote {path}")
