"""Notebooks to take away, and the book's JupyterLite site.

Every chapter page offers its executed notebook for download and launch buttons
(Binder, Colab, JupyterLite) made from the one ``repository.url`` setting; the
JupyterLite site (scripts/build_lite.sh) holds every chapter and the energylib
wheel. Running Pyodide needs its CDN, so here we check what can be checked
offline: what the site holds and what the links point to.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlparse

import nbformat
import pytest
import yaml
from booktools import ROOT, toc_docnames

pytestmark = pytest.mark.book

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
NOTEBOOK_PAGES = [doc for doc in toc_docnames()
                  if "kernelspec" in (ROOT / f"{doc}.md").read_text(encoding="utf-8")]


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_one_setting_drives_the_launch_buttons() -> None:
    url = CONFIG["repository"]["url"]
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", url), url
    assert CONFIG["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert CONFIG["launch_buttons"]["colab_url"] == "https://colab.research.google.com"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "repository.url" in readme, "README must say which setting drives the buttons"


@pytest.mark.parametrize("doc", NOTEBOOK_PAGES)
def test_chapter_offers_its_notebook_and_launch_buttons(doc: str, built_book: Path) -> None:
    html = (built_book / f"{doc}.html").read_text(encoding="utf-8")
    hrefs = links(html)
    org_repo = CONFIG["repository"]["url"].removeprefix("https://github.com/")
    branch = CONFIG["repository"]["branch"]

    # The executed notebook, downloadable from the page.
    download = [h for h in hrefs if h.endswith(f"_sources/{doc}.ipynb") and "://" not in h]
    assert download, f"{doc}: no .ipynb download link"
    notebook_file = (built_book / doc).parent / download[0]
    notebook = nbformat.read(notebook_file.resolve(), as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code), f"{doc}: the download is not executed"
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs)

    binder = f"https://mybinder.org/v2/gh/{org_repo}/{branch}?urlpath=lab/tree/{doc}.ipynb"
    assert binder in hrefs, f"{doc}: no Binder link {binder}"
    colab = f"https://colab.research.google.com/github/{org_repo}/blob/gh-pages/_sources/{doc}.ipynb"
    assert colab in hrefs, f"{doc}: no Colab link {colab}"

    lite = [h for h in hrefs if "lite/lab/index.html?path=" in h]
    assert lite, f"{doc}: no JupyterLite link"
    target = urlparse(urljoin(f"http://site/{doc}.html", lite[0]))
    assert target.query == f"path={doc}.ipynb"
    assert (built_book / target.path.lstrip("/")).resolve() == (
        built_book / "lite" / "lab" / "index.html").resolve()
    assert "needs internet" in html, f"{doc}: the page must say JupyterLite needs a connection"


def test_binder_makes_the_notebooks_the_buttons_open() -> None:
    post_build = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "jupytext --to ipynb chapters/*.md" in post_build
    assert "-r ../requirements-lab.txt" in (ROOT / "binder" / "requirements.txt").read_text()


def test_lite_site_holds_every_chapter(lite_site: Path) -> None:
    assert (lite_site / "lab" / "index.html").is_file()
    for doc in NOTEBOOK_PAGES:
        path = lite_site / "files" / f"{doc}.ipynb"
        assert path.is_file(), f"JupyterLite lacks {doc}.ipynb"
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        first = notebook.cells[0]
        assert "%pip install -q energylib" in first.source, f"{doc}: no install cell first"
        book_cells = [c.source for c in notebook.cells[1:] if c.cell_type == "code"]
        source = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
        assert all(cell.strip() in source for cell in book_cells if cell.strip()), (
            f"{doc}: the JupyterLite notebook's cells differ from the chapter's")


def test_lite_site_holds_the_energylib_wheel(lite_site: Path) -> None:
    index = json.loads((lite_site / "pypi" / "all.json").read_text(encoding="utf-8"))
    assert "energylib" in index, sorted(index)
    wheels = sorted((lite_site / "pypi").glob("energylib-*-py3-none-any.whl"))
    assert len(wheels) == 1, wheels
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    for needed in ("energylib/__init__.py", "energylib/data/figures.csv",
                   "energylib/explorers/web.py", "energylib/lifecycle.py"):
        assert needed in names, f"the wheel lacks {needed}"
    # The wheel is this checkout's energylib, not a stale one.
    version = wheels[0].name.split("-")[1]
    assert version in index["energylib"]["releases"]
    local = (ROOT / "energylib" / "lifecycle.py").read_bytes()
    assert zipfile.ZipFile(wheels[0]).read("energylib/lifecycle.py") == local
