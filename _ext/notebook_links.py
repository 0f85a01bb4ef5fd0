"""Each chapter's notebook, to download or to open elsewhere: one setting drives it all.

sphinx-book-theme makes the launch buttons from ``repository.url`` (``_config.yml``):
Binder and Colab, and it copies each chapter's *executed* notebook to
``_sources/<chapter>.ipynb`` for the download button. Two of its links do not fit a book
whose chapters are MyST Markdown (.md) files, so this extension fixes them after the theme
has made them (html-page-context, priority 502 > the theme's 501):

- Binder opens ``chapters/<name>.ipynb``, which ``binder/postBuild`` makes from the .md
  with jupytext when Binder builds the repository (the theme would open the .md as text).
- Colab can only open an .ipynb stored on GitHub: it opens the executed notebook that
  publishing the site to the ``gh-pages`` branch puts at ``_sources/<name>.ipynb``
  (``ghp-import -n -p -f _build/html``; branch set by ``notebook_links_pages_branch``).
- A third button, "JupyterLite", opens the chapter in the book's own JupyterLite site
  (``lite/``, built by ``scripts/build_lite.sh``), with energylib preinstalled from a
  wheel. Pyodide itself comes from its CDN when the reader clicks, hence the label.
"""

from __future__ import annotations

from sphinx.application import Sphinx

LITE_APP = "lite/lab/index.html"


def fix_launch_links(app: Sphinx, pagename: str, templatename: str, context: dict,
                     doctree) -> None:
    buttons = context.get("header_buttons") or []
    group = next((b for b in buttons if b.get("label") == "launch-buttons"), None)
    if group is None:
        return
    ipynb = f"{pagename}.ipynb"
    branch = app.config.notebook_links_pages_branch
    if not app.config.notebook_links_remote:
        group["buttons"] = [b for b in group["buttons"] if b.get("text") not in ("Binder", "Colab")]
    for button in group["buttons"]:
        if button.get("text") == "Colab":
            head = button["url"].split("/blob/", 1)[0]
            button["url"] = f"{head}/blob/{branch}/_sources/{ipynb}"
        elif button.get("text") == "Binder":
            button["url"] = button["url"].replace(f"{pagename}.md", ipynb)
    group["buttons"].append({
        "type": "link",
        "text": "JupyterLite (needs internet)",
        "tooltip": "Run this chapter in your browser: JupyterLite with energylib "
                   "preinstalled; Python (Pyodide) downloads from its CDN on first use",
        "icon": "_static/images/logo_jupyterlite.svg",
        "url": context["pathto"](LITE_APP, 1) + f"?path={ipynb}",
        "label": "launch-jupyterlite-button",
    })


def setup(app: Sphinx) -> dict:
    app.add_config_value("notebook_links_pages_branch", "gh-pages", "html")
    # False (the student edition): no Binder or Colab button, which would open the
    # repository's notebooks; the download and JupyterLite come from the built edition.
    app.add_config_value("notebook_links_remote", True, "html")
    app.connect("html-page-context", fix_launch_links, priority=502)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
