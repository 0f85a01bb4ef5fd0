"""Local Sphinx extension of the "Inference Energy" book (loaded via _config.yml).

1. Cache honesty. Every chapter imports energylib, but Sphinx only knows that a chapter
   depends on its own source file: after editing energylib an incremental build would
   keep every chapter as it was. Here every document depends on every energylib/**/*.py
   (``env.note_dependency``), so a change to energylib makes Sphinx re-read, and with
   ``execute_notebooks: force`` re-execute, every chapter, while a no-change rebuild
   re-reads nothing. Files added to or removed from energylib are caught too, by
   comparing the list of files with the one stored in the environment.

2. Strictness that survives a rebuild: a build that failed on warnings leaves no saved
   environment behind (see forget_failed_build).

3. Self-contained site. Scripts vendored from npm (mathjax_path, nb_ipywidgets_js in
   _config.yml) are loaded from the site's vendor/ folder on every page, whatever its
   depth (see use_vendored_assets). The widget manager (vendor/@jupyter-widgets/html-manager)
   is an AMD bundle: require.js resolves its modules against ``baseUrl`` (by default
   the page's own folder), and the bundle loads its font files relative to the module's
   URL. On a page that loads require.js we set ``baseUrl`` to the page's relative path to
   ``vendor/``, so fonts come from vendor/@jupyter-widgets/... whatever the page's depth.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

PACKAGE = "energylib"
VENDOR = "vendor/"  # under html_extra_path (_vendor/), so _build/html/vendor/
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _package_files(srcdir: str | Path) -> list[Path]:
    """All Python files of energylib, sorted (empty if the package is absent)."""
    return sorted((Path(srcdir) / PACKAGE).rglob("*.py"))


def note_package_dependency(app: Sphinx, docname: str, source: list[str]) -> None:
    """source-read: make the document being read depend on every energylib file."""
    for path in _package_files(app.srcdir):
        # An absolute path is fine: Sphinx joins it to srcdir, which keeps it absolute.
        app.env.note_dependency(str(path))


def outdated_if_files_changed(
    app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set
) -> list[str]:
    """env-get-outdated: re-read every document when energylib gains or loses a file.

    (Edits to existing files are caught by the dependencies noted above.)
    """
    names = [str(p.relative_to(app.srcdir)) for p in _package_files(app.srcdir)]
    previous = getattr(env, "energylib_files", None)
    env.energylib_files = names
    if previous is not None and previous != names:
        return sorted(env.found_docs)
    return []


# ipywidgets' base package typesets widget labels with the MathJax 2 API
# (MathJax.Hub.Queue) whenever window.MathJax exists; the book loads MathJax 3, which has
# no Hub ("Cannot read properties of undefined (reading 'Queue')"). Merged into the
# MathJax 3 configuration, this gives it a Hub whose Queue typesets with MathJax 3.
MATHJAX2_HUB_SHIM = """window.MathJax = window.MathJax || {};
MathJax.startup = Object.assign(MathJax.startup || {}, {ready() {
  const queue = (...jobs) => jobs.forEach(job => {
    if (Array.isArray(job) && job[0] === "Typeset") {
      MathJax.startup.promise.then(() => MathJax.typesetPromise(job[2] ? [job[2]] : undefined));
    }
  });
  MathJax.Hub = {Queue: queue};
  MathJax.startup.defaultReady();
}});"""


def _filename(js) -> str:
    return str(getattr(js, "filename", "") or "")


def use_vendored_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                        doctree) -> None:
    """html-page-context: fix this page's list of scripts.

    - Sphinx's builder.add_js_file prefixes every relative script path with "_static/"
      (so mathjax_path "vendor/x.js" would become "_static/vendor/x.js"), while the
      vendored files are copied to the site's top (html_extra_path). Strip the prefix;
      the template then resolves "vendor/x.js" relative to the page
      (pathto(..., resource=True)): "../vendor/x.js" from chapters/, "vendor/x.js" from
      the top.
    - Drop duplicated inline scripts: some extensions' inline scripts (sphinx-thebe's
      `const THEBE_JS_URL = ...`) end up twice in the list, once with filename None
      and once with "", and a second `const` declaration is a JavaScript error.
    - On widget pages, configure require.js and MathJax for the widget manager.
    """
    if 'class="web-explorer"' in (context.get("body") or ""):
        # Kernel-free explorers on this page: uPlot and the runtime (_ext/site/vendor/).
        app.builder.add_css_file(VENDOR + "uplot/uPlot.min.css")
        app.builder.add_css_file(VENDOR + "explorer/explorer.css")
        app.builder.add_js_file(VENDOR + "uplot/uPlot.iife.min.js", priority=600)
        app.builder.add_js_file(VENDOR + "explorer/explorer.js", priority=601)
    styles = context.get("css_files", [])
    for k, css in enumerate(styles):
        name = _filename(css)
        if name.startswith("_static/" + VENDOR):
            styles[k] = type(css)(name.removeprefix("_static/"), priority=css.priority,
                                  **css.attributes)
    scripts = context.get("script_files", [])
    # Explorers display both an ipywidgets view and a kernel-free HTML version, and the
    # site shows the HTML (nb_mime_priority_overrides), so on a page that renders no
    # widget view the notebook's saved widget state (a PNG per explorer, hundreds of kB)
    # and the widget manager (require.js, embed-amd.js) are dead weight: drop them.
    shows_widget = "application/vnd.jupyter.widget-view+json" in (context.get("body") or "")
    fixed, seen = [], set()
    for js in scripts:
        name = _filename(js)
        if not shows_widget and (
            getattr(js, "attributes", {}).get("type") == WIDGET_STATE
            or name.endswith(("requirejs/require.js", "html-manager/dist/embed-amd.js"))
        ):
            continue
        if name.startswith("_static/" + VENDOR):
            # _JavaScript objects are immutable: use a copy for this page.
            js = type(js)(name.removeprefix("_static/"), priority=js.priority,
                          **js.attributes)
        key = (_filename(js), getattr(js, "priority", 0),
               tuple(sorted(getattr(js, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            fixed.append(js)
    # Same list object: it is the builder's, restored by Sphinx before the next page.
    scripts[:] = fixed

    names = [_filename(js) for js in scripts]
    if not any(n.endswith("requirejs/require.js") for n in names):
        return
    # A global `require` object defined before require.js loads is its configuration:
    # baseUrl = this page's relative path to vendor/.
    # builder.add_js_file (not app.add_js_file) keeps these to the current page only.
    base = context["pathto"](VENDOR, resource=True)
    app.builder.add_js_file(
        None, body=f"var require = {json.dumps({'baseUrl': base})};", priority=400
    )
    if any("/mathjax/" in n for n in names):
        # After Sphinx's `window.MathJax = {...}` (same priority, added later), before
        # MathJax itself (loaded with defer).
        app.builder.add_js_file(None, body=MATHJAX2_HUB_SHIM, priority=500)


def forget_failed_build(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: after a build that failed on warnings, keep no saved environment.

    With -W --keep-going a warning (a broken reference, a missing citation...) fails the
    build, but Sphinx still saves the environment with the offending document marked as
    read, so the next incremental build would not re-read it and would "succeed". Sphinx
    already deletes the environment when a build raises; do the same on warnings, so the
    next build reads every document again and meets the same warning.
    """
    if exception is None and app.keep_going and getattr(app, "_warncount", 0):
        env_pickle = Path(app.doctreedir) / "environment.pickle"
        env_pickle.unlink(missing_ok=True)


def setup(app: Sphinx) -> dict:
    app.connect("source-read", note_package_dependency)
    app.connect("env-get-outdated", outdated_if_files_changed)
    # After MyST-NB's own html-page-context handler (priority 500) adds its scripts.
    app.connect("html-page-context", use_vendored_assets, priority=900)
    app.connect("build-finished", forget_failed_build)
    # env_version changes with this file's content: Sphinx then discards the saved
    # environment, so an edit here re-builds every page (it changes every page's scripts).
    own_hash = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return {
        "version": "1.0",
        "env_version": int(own_hash[:8], 16),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
