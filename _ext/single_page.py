"""The whole book on one page (Sphinx's singlehtml builder), which scripts/build_pdf.sh
prints to PDF with Chromium.

Some extensions (sphinx-proof) register how to write their nodes for the ``html``
builder only; Sphinx then finds no handler for them under ``singlehtml`` (another
extension registered some there, so Sphinx does not fall back to ``html``), and the
build stops at "unknown node type: theorem_node". Give ``singlehtml`` every ``html``
handler it lacks.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def share_html_handlers(app: Sphinx) -> None:
    if app.builder.name != "singlehtml":
        return
    handlers = app.registry.translation_handlers
    single = handlers.setdefault("singlehtml", {})
    for node, pair in handlers.get("html", {}).items():
        single.setdefault(node, pair)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", share_html_handlers)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
