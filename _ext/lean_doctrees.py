"""Local Sphinx extension: keep each page's stored doctree to the page itself.

MyST's ``{eval-rst}`` directive (the API pages use it for ``automodule``) parses its
reStructuredText into a document of its own and moves the nodes into the page. Those
nodes keep a reference to that other document, and through its settings to Sphinx's
whole build environment. Sphinx strips the environment from the page's own document
before it pickles the doctree, but not from the other one, so each API page's doctree
carried a copy of the environment, and with it (through sphinx-exercise's registry of
exercises) every chapter's doctree: about 5 MB per API page, 170 MB in all, loaded
again each time a page is written (the one-page build of the PDF loads each doctree
several times: 40 of its 70 seconds went to unpickling).

The transform below runs last, after every other transform of the read, and points
every such node at the page's own document. Nothing else changes: a node's document
is used only while the page is read, to report problems and to find the settings.

The environment itself had the same weight: sphinx-exercise keeps each exercise and
solution node in ``env.sphinx_exercise_registry``, and a node kept there holds its page
(through its parent and its document), so the pickled environment carried every
exercise page's whole doctree (7 MB), pickled again by each reading process of a
parallel build to send its results back. After a page is read, its registry entries
keep a detached copy of their node instead: the same node, attributes and children
(the title and number sphinx-exercise reads from it), without its page.
"""

from __future__ import annotations

from docutils import nodes
from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform


class AdoptForeignNodes(SphinxTransform):
    """Make the page's document the document of every node in it."""

    default_priority = 999  # after every transform of Sphinx and its extensions

    def apply(self, **kwargs: object) -> None:
        page = self.document
        for node in page.findall(include_self=False):
            if getattr(node, "_document", None) not in (None, page):
                node.document = page


def _detached(node: Node) -> Node:
    """A copy of ``node`` and its children that refers to no page."""
    copy = node.deepcopy()
    for part in copy.findall():
        part.document = None
    return copy


def detach_exercise_nodes(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: the page's entries of sphinx-exercise's registry keep detached copies."""
    registry = getattr(app.env, "sphinx_exercise_registry", {})
    for entry in registry.values():
        if entry.get("docname") == app.env.docname and isinstance(entry.get("node"), Node):
            entry["node"] = _detached(entry["node"])


def setup(app: Sphinx) -> dict:
    app.add_transform(AdoptForeignNodes)
    app.connect("doctree-read", detach_exercise_nodes)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
