"""Local Sphinx extension: let Sphinx read (and execute) the chapters in parallel.

scripts/book_build.py builds with ``-j``: MyST-NB executes a chapter while Sphinx reads
it, so N reading processes run N chapters at once. Sphinx reads in parallel only when
every loaded extension says it is safe to; one extension of Jupyter Book does not say,
so Sphinx warns ("doing serial read"), and -W turns the warning into a failure.

sphinx_multitoc_numbering (``html.use_multitoc_numbering``) is parallel-safe: it only
replaces the method that numbers sections, which Sphinx runs in the main process after
all documents are read and merged; it keeps no state of its own while reading. Its
numbering walks the toctrees of the documents that hold numbered ones, which here is the
root alone (_toc.yml), so the order in which parallel reads are merged changes nothing.

sphinx_proof declares itself parallel-safe, but its domain ("prf") lacks the method
that merges a reading process's domain data, so a parallel read stops with
NotImplementedError. The domain keeps no data of its own: sphinx_proof stores its
proofs in ``env.proof_list``, which it merges itself (its env-merge-info handler). The
missing merge therefore has nothing to do.
"""

from __future__ import annotations

from sphinx.application import Sphinx

DECLARED_SAFE = ("sphinx_multitoc_numbering",)


def declare_parallel_safe(app: Sphinx) -> None:
    """builder-inited: mark the extensions of DECLARED_SAFE parallel-safe, if loaded."""
    for name in DECLARED_SAFE:
        extension = app.extensions.get(name)
        if extension is not None and extension.parallel_read_safe is None:
            extension.parallel_read_safe = True
            extension.parallel_write_safe = True


def _nothing_to_merge(self, docnames: list[str], otherdata: dict) -> None:
    """Domain.merge_domaindata of a domain whose data lives elsewhere."""


def complete_proof_domain(app: Sphinx) -> None:
    """builder-inited: give sphinx_proof's domain its (empty) merge of domain data."""
    domain = app.registry.domains.get("prf")
    if domain is not None and "merge_domaindata" not in vars(domain):
        domain.merge_domaindata = _nothing_to_merge


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", complete_proof_domain)
    app.connect("builder-inited", declare_parallel_safe)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
