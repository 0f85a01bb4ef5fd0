"""Under every figure a chapter's code draws: "Data (CSV)" and "Figure (PNG)" links.

When a chapter runs, each matplotlib figure it shows carries its plotted data as CSV next
to its PNG (MIME type ``energylib.figures.data.MIME``, added by
``energylib.figures.data.register_ipython``). MyST-NB names each output image by the
SHA-256 of its bytes. After a chapter is read (``doctree-read``, before Sphinx collects
download links), this extension reads the chapter's executed notebook, matches each
image to its CSV by that hash, writes ``<chapter>-figure-<n>.csv`` and ``.png`` to
``_build/figure-data/`` and adds a line of download links under the figure. The
chapters' sources are not touched.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from binascii import a2b_base64
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

MIME = "application/vnd.energylib.figure-data+json"
HASHED_PNG = re.compile(r"([0-9a-f]{64})\.png$")


def _figure_data(notebook: Path) -> dict[str, str]:
    """SHA-256 of each PNG output of ``notebook`` -> the CSV that came with it."""
    data: dict[str, str] = {}
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    for cell in cells:
        for output in cell.get("outputs", []):
            bundle = output.get("data", {})
            if "image/png" in bundle and MIME in bundle:
                png = bundle["image/png"]
                png = "".join(png) if isinstance(png, list) else png
                data[hashlib.sha256(a2b_base64(png)).hexdigest()] = bundle[MIME]["csv"]
    return data


def _link(docname: str, target: str, text: str) -> addnodes.download_reference:
    ref = addnodes.download_reference("", "", refdoc=docname, reftarget=target,
                                      refexplicit=True, refwarn=False)
    ref += nodes.inline("", text, classes=["xref", "download"])
    return ref


def add_download_links(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    out = Path(app.outdir).parent
    notebook = out / "jupyter_execute" / f"{docname}.ipynb"
    if not notebook.is_file():
        return
    data = _figure_data(notebook)
    if not data:
        return
    folder = out / "figure-data"
    folder.mkdir(parents=True, exist_ok=True)
    stem = docname.replace("/", "-")
    count = 0
    for image in list(doctree.findall(nodes.image)):
        match = HASHED_PNG.search(image["uri"])
        if not match or match.group(1) not in data:
            continue
        count += 1
        name = f"{stem}-figure-{count}"
        (folder / f"{name}.csv").write_text(data[match.group(1)], encoding="utf-8")
        source = Path(app.srcdir) / image["uri"].lstrip("/")
        if not source.is_file():
            source = out / "jupyter_execute" / f"{match.group(1)}.png"
        shutil.copyfile(source, folder / f"{name}.png")
        rel = (folder / name).relative_to(Path(app.srcdir)).as_posix()
        line = nodes.paragraph(classes=["figure-downloads"])
        line += nodes.Text("Download this figure's ")
        line += _link(docname, f"/{rel}.csv", "data (CSV)")
        line += nodes.Text(" or ")
        line += _link(docname, f"/{rel}.png", "image (PNG)")
        line += nodes.Text(".")
        anchor = image.parent if isinstance(image.parent, nodes.figure) else image
        anchor.parent.insert(anchor.parent.index(anchor) + 1, line)


def _skip_figure_data_mime() -> None:
    """MyST-NB renders every MIME type of an output, then keeps the preferred one; an
    unknown type is a warning (an error with -W). The figure data is read from the
    notebook above, so its MIME type renders to nothing."""
    from myst_nb.core.render import NbElementRenderer

    render = NbElementRenderer.render_mime_type
    if getattr(render, "skips_figure_data", False):
        return

    def render_mime_type(self, data):  # type: ignore[no-untyped-def]
        return [] if data.mime_type == MIME else render(self, data)

    render_mime_type.skips_figure_data = True  # type: ignore[attr-defined]
    NbElementRenderer.render_mime_type = render_mime_type  # type: ignore[method-assign]


def setup(app: Sphinx) -> dict:
    _skip_figure_data_mime()
    # Before Sphinx's download collector (priority 500) records the links' files.
    app.connect("doctree-read", add_download_links, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
