"""What a reader of the site needs besides the chapters: version, licence, data, citation.

- The book's version has one source, ``pyproject.toml`` (``[project] version``): it
  becomes Sphinx's ``version``/``release``, is shown in every page's footer (with the
  licences and a link to "How to cite") and is the version of the BibTeX entry.
- ``{book-bibtex}``: a directive writing the book's BibTeX entry from ``CITATION.cff``
  (title, authors, year, address) and that version.
- The dataset, ``energylib/data/figures.csv`` read through :mod:`energylib.dataset`, is
  written to ``data/figures.csv``, ``data/figures.json`` and ``data/figures.metadata.json``
  of the built site, with every column the file has and each value in SI units.
- Accessibility fixes of the HTML the theme and docutils write (found by axe-core,
  tests/test_readers.py): the bibliography's list roles, the search button's name.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import tomllib
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "templates"
LICENCES = {"text": "CC-BY-4.0", "data": "CC-BY-4.0", "code": "MIT"}


def book_version() -> str:
    """The book's version: ``[project] version`` of pyproject.toml."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def bibtex_entry(url: str = "") -> str:
    """The book's BibTeX entry, from CITATION.cff, :func:`book_version` and ``url``."""
    cff = citation()
    authors = " and ".join(
        a["name"] if "name" in a else f"{a['family-names']}, {a['given-names']}"
        for a in cff["authors"])
    year = str(cff.get("date-released", ""))[:4]
    fields = [("title", cff["title"]), ("author", "{" + authors + "}" if " and " not in authors
                                        and "," not in authors else authors),
              ("year", year), ("version", book_version()), ("url", url),
              ("note", "Licence: text and data CC BY 4.0, code MIT")]
    body = ",\n".join(f"  {k:<7} = {{{v}}}" for k, v in fields if v)
    return f"@book{{inference_energy_{book_version().replace('.', '_')},\n{body}\n}}"


def repository_url(config) -> str:
    """_config.yml's repository.url (Jupyter Book passes it to the theme's options)."""
    return str((config.html_theme_options or {}).get("repository_url", ""))


class BookBibtex(Directive):
    has_content = False

    def run(self) -> list[nodes.Node]:
        config = self.state.document.settings.env.config
        text = bibtex_entry(repository_url(config))
        block = nodes.literal_block(text, text, language="bibtex")
        return [block]


# ------------------------------------------------------------------ the dataset

DESCRIPTIONS = {
    "id": "unique identifier of the figure (energylib.dataset.by_id)",
    "quantity": "what is measured (e.g. training_energy, energy_per_query)",
    "subject": "the model, service or system the figure is about",
    "value": "the figure as published, in `unit`",
    "unit": "the publication's unit",
    "source": "BibTeX key of the source in the book's references.bib",
    "year": "year of the publication",
    "confidence": "measured, reported (without a published method) or estimated",
    "check": "read in the original, quoted (seen only quoted) or derived",
    "page": "page, table or section of the source",
    "note": "how the figure was obtained, caveats",
    "value_si": "the value in SI units (energylib.dataset.Figure.si)",
    "unit_si": "the SI unit of value_si",
}


def dataset_files() -> dict[str, str]:
    """figures.csv, figures.json and figures.metadata.json of the site, as text.

    Every column of energylib/data/figures.csv, in its order, plus value_si and unit_si;
    each row checked by :func:`energylib.dataset.by_id`.
    """
    from importlib import resources

    from energylib import dataset

    raw = resources.files("energylib").joinpath("data/figures.csv").read_text("utf-8")
    reader = csv.DictReader(io.StringIO(raw))
    columns = [*(reader.fieldnames or []), "value_si", "unit_si"]
    rows = []
    for row in reader:
        fig = dataset.by_id(row["id"])
        rows.append({**row, "value_si": repr(float(fig.si)), "unit_si": fig.si_unit})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    text = out.getvalue()

    def typed(key: str, value: str) -> object:
        if key in ("value", "value_si", "low", "high"):
            return float(value) if value not in ("", None) else None
        if key == "year" and value.isdigit():
            return int(value)
        return value

    records = [{k: typed(k, v) for k, v in row.items()} for row in rows]
    cff = citation()
    metadata = {
        "title": "Inference Energy: the dataset of published figures",
        "description": "Every published number the book uses: training energies, energy per "
                       "query and per token, query volumes, hardware, PUE; one row per "
                       "figure, with its source (BibTeX key), how it was obtained and its "
                       "value in SI units. Where sources disagree, both rows are kept.",
        "version": book_version(),
        "licence": LICENCES["data"],
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "cite_as": cff["title"] + ", version " + book_version(),
        "generated_from": "energylib/data/figures.csv via energylib.dataset",
        "rows": len(rows),
        "files": {
            "figures.csv": {"sha256": hashlib.sha256(text.encode()).hexdigest(),
                            "format": "text/csv"},
            "figures.json": {"format": "application/json"},
        },
        "columns": [{"name": c, "description": DESCRIPTIONS.get(
            c, "see energylib.dataset (column added to the dataset)")} for c in columns],
    }
    return {
        "figures.csv": text,
        "figures.json": json.dumps(records, indent=1, ensure_ascii=False) + "\n",
        "figures.metadata.json": json.dumps(metadata, indent=1, ensure_ascii=False) + "\n",
    }


def write_dataset(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir) / "data"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in dataset_files().items():
        (folder / name).write_text(text, encoding="utf-8")
    name_sidebar_toggles(Path(app.outdir))


# The theme's sidebar folds a part with children under <details><summary> holding only a
# chevron icon (axe-core: summary-name, serious): the summary gets a name. The sidebar is
# written by the theme's templates, not the page body, so the written files are fixed.
TOGGLE = re.compile(r'(<details(?: open="open")?>)<summary>'
                    r'(<span class="toctree-toggle" role="presentation">)')
NAMED_TOGGLE = r'\1<summary aria-label="Show or hide the pages of this part">\2'


def name_sidebar_toggles(outdir: Path) -> None:
    """Give every sidebar fold-out toggle of the written site an accessible name."""
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        named, count = TOGGLE.subn(NAMED_TOGGLE, text)
        if count:
            page.write_text(named, encoding="utf-8")


# ------------------------------------------------------------ version and footer

def configure(app: Sphinx, config) -> None:
    version = book_version()
    config.version = config.release = version
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    options = dict(config.html_theme_options or {})
    items = list(options.get("footer_content_items") or
                 ["author.html", "copyright.html", "last-updated.html", "extra-footer.html"])
    if "readers-footer.html" not in items:
        items.append("readers-footer.html")
    options["footer_content_items"] = items
    config.html_theme_options = options
    cff = citation()
    subs = dict(getattr(config, "myst_substitutions", None) or {})
    subs.update(book_version=version, book_year=str(cff.get("date-released", ""))[:4],
                book_url=repository_url(config))
    config.myst_substitutions = subs
    context = dict(config.html_context or {})
    context["book_version"] = version
    config.html_context = context


# ------------------------------------------------------------ accessibility fixes

# docutils writes the bibliography as <div role="list"> holding role="doc-biblioentry"
# entries: axe-core reports aria-required-children (a list needs listitems) and
# aria-deprecated-role. Plain containers are right: each entry keeps its id and text.
BIB_LIST = re.compile(r'(<div\b[^>]*?)\s+role="list"([^>]*\bclass="citation-list")')
BIB_LIST2 = re.compile(r'(<div\b[^>]*\bclass="citation-list"[^>]*?)\s+role="list"')
BIB_ENTRY = re.compile(r'\s+role="doc-biblioentry"')


# MyST-NB's folded code cells: <summary aria-label="Toggle hidden content"> around the
# visible "Show code cell source" (axe-core: label-content-name-mismatch). The visible
# text is a good name by itself.
SUMMARY_LABEL = re.compile(r'(<summary\b[^>]*?)\s+aria-label="Toggle hidden content"')


def fix_body(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body")
    if not body:
        return
    body = SUMMARY_LABEL.sub(r"\1", body)
    body = BIB_LIST.sub(r"\1\2", body)
    body = BIB_LIST2.sub(r"\1", body)
    context["body"] = BIB_ENTRY.sub("", body)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", configure)
    app.connect("html-page-context", fix_body)
    app.connect("build-finished", write_dataset)
    app.add_directive("book-bibtex", BookBibtex)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
