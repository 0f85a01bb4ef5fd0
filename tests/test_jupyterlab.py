"""The explorers in a real JupyterLab, in Chromium: every control moves the explorer.

JupyterLab is not in requirements.txt (it slows every build); it lives in
``.venv-lab``, made by ``scripts/lab_venv.sh`` from requirements.txt and
requirements-lab.txt.  The test makes that venv if it is missing and skips,
saying why, only if it cannot be made.  It writes a notebook from a chapter
(jupytext: the chapter's set-up cell and its explorer cell, verbatim), starts
JupyterLab on it with this checkout's energylib, runs the cells, then moves
every slider (keyboard, to its end), flips every toggle and check box, and
checks that the headline or the figure changes each time.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
LAB_PYTHON = ROOT / ".venv-lab" / "bin" / "python"
# Chapters whose explorer cell needs only the chapter's set-up cell.
CHAPTERS = {"verdict": "VerdictExplorer()", "machine-infinity": "AgentExplorer()"}


def lab_python() -> Path:
    """``.venv-lab``'s Python, made by scripts/lab_venv.sh if missing; else skip."""
    if not LAB_PYTHON.is_file():
        made = subprocess.run(["bash", str(ROOT / "scripts" / "lab_venv.sh")], cwd=ROOT,
                              capture_output=True, text=True, timeout=1800, check=False)
        if made.returncode != 0 or not LAB_PYTHON.is_file():
            pytest.skip("JupyterLab's venv .venv-lab could not be made by "
                        f"scripts/lab_venv.sh: {made.stderr.strip()[-500:]}")
    return LAB_PYTHON


def chapter_notebook(doc: str, call: str, folder: Path) -> Path:
    """A notebook of the chapter's set-up cell and explorer cell (their text unchanged)."""
    import jupytext
    import nbformat

    chapter = jupytext.read(ROOT / "chapters" / f"{doc}.md")
    code = [c for c in chapter.cells if c.cell_type == "code"]
    setup = next(c for c in code if "import energylib" in c.source)
    explorer = next(c for c in code if call in c.source)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(setup.source), nbformat.v4.new_code_cell(explorer.source)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    path = folder / f"{doc}.ipynb"
    nbformat.write(notebook, path)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A JupyterLab server on a folder of chapter notebooks; its URL and the folder."""
    python = lab_python()
    folder = tmp_path_factory.mktemp("lab")
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), MPLBACKEND="Agg",
               JUPYTER_RUNTIME_DIR=str(folder / ".runtime"),
               JUPYTER_CONFIG_DIR=str(folder / ".config"),
               IPYTHONDIR=str(folder / ".ipython"))
    log = (folder / "lab.log").open("w")
    server = subprocess.Popen(
        [str(python), "-m", "jupyterlab", "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
         f"--ServerApp.root_dir={folder}", "--LabApp.expose_app_in_browser=True",
         "--ServerApp.disable_check_xsrf=True", "--allow-root"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start:\n" + (folder / "lab.log").read_text())
        if server.poll() is not None:
            pytest.fail("JupyterLab exited:\n" + (folder / "lab.log").read_text())
        yield url, folder
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


READY_JS = """async () => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  if (!panel || !panel.sessionContext) return false;
  await panel.context.ready;
  await panel.sessionContext.ready;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}"""

# Both return false until the notebook is open. Running all cells is not awaited: the
# first run imports energylib in a new kernel, which on a loaded machine took more than
# the minute this wait allows (a CI run failed so); the caller waits for the output.
RUN_ALL_JS = """async () => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  if (!panel || !panel.content || panel.content.widgets.length < 2) return false;
  app.commands.execute('notebook:run-all-cells');
  return true;
}"""

RUN_EXPLORER_JS = """async () => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  if (!panel || !panel.content) return false;
  panel.content.activeCellIndex = 1;
  await app.commands.execute('notebook:run-cell');
  return true;
}"""

# What the reader sees of the explorer: its headline (the HTML widget that holds
# labelled bold values) and its figure (the image widget's src).
VIEW_JS = """() => {
  const area = document.querySelector('.jp-Notebook .jp-OutputArea-output .widget-vbox');
  if (!area) return null;
  const html = [...area.querySelectorAll('.widget-html-content')].map(e => e.innerHTML);
  const images = [...area.querySelectorAll('img')].map(e => e.src);
  return JSON.stringify([html, images]);
}"""


HEADLINE_JS = """() => [...document.querySelectorAll(
  '.jp-Notebook .jp-OutputArea-output .widget-vbox .widget-html-content')]
  .map(e => e.innerHTML).join('|')"""


def settle(page) -> None:  # noqa: ANN001 - a Playwright page
    """Wait until the notebook's kernel is idle and the page stays put.

    JupyterLab may load its page a second time just after the first one reported
    ready; a cell run on the first page is then lost.  A mark left on the page
    that is still there three seconds later shows the page stayed.
    """
    for _ in range(5):
        page.wait_for_function(READY_JS, timeout=180_000, polling=500)
        try:
            page.evaluate("() => { window.__settled = true; }")
            page.wait_for_timeout(3000)
            if page.evaluate("() => window.__settled === true && !!window.jupyterapp"):
                return
        except Exception:  # noqa: BLE001, S112 - the page navigated while we looked
            continue
    pytest.fail("JupyterLab's page never settled")


@pytest.mark.parametrize("doc", list(CHAPTERS))
def test_every_control_moves_the_explorer_in_jupyterlab(doc: str, lab, browser) -> None:
    url, folder = lab
    notebook = chapter_notebook(doc, CHAPTERS[doc], folder)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{url}/lab/workspaces/{doc}/tree/{notebook.name}",  # a new workspace
                  wait_until="domcontentloaded")
        settle(page)
        # Run the set-up cell and the explorer cell through JupyterLab's own command (no
        # key presses that a busy page can drop); on a loaded machine the first import of
        # energylib in a new kernel can take long, so wait, and run once more if nothing
        # came (a cell run before the kernel was really idle).
        for attempt in range(2):
            settle(page)
            page.wait_for_function(RUN_ALL_JS, timeout=60_000, polling=500)
            try:
                page.wait_for_selector(".jp-OutputArea-output .widget-vbox img",
                                       timeout=240_000)
                break
            except Exception:  # noqa: BLE001 - a timeout: say what the notebook shows
                shown = page.inner_text(".jp-Notebook")
                if attempt == 1 or "Error" in shown:
                    page.screenshot(path=str(folder / f"{doc}-start.png"), full_page=True)
                    pytest.fail(f"{doc}: the explorer did not appear; the notebook shows:\n"
                                f"{shown[-3000:]}")
        page.wait_for_function(f"() => ({VIEW_JS})() && ({VIEW_JS})().includes('<b>')",
                               timeout=60_000)
        assert "Traceback" not in page.inner_text(".jp-Notebook")

        def moved(before: str) -> bool:
            try:
                page.wait_for_function(f"before => ({VIEW_JS})() !== before", arg=before,
                                       timeout=30_000)
                return True
            except Exception:  # noqa: BLE001 - a timeout: nothing changed
                return False

        start = page.evaluate(HEADLINE_JS)

        def from_the_start() -> None:
            """Re-run the explorer cell: every control back at its default."""
            page.wait_for_function(RUN_EXPLORER_JS, timeout=60_000, polling=500)
            page.wait_for_function(f"start => ({HEADLINE_JS})() === start", arg=start,
                                   timeout=60_000)

        sliders = page.locator(".jp-OutputArea-output .widget-slider .noUi-handle").count()
        assert sliders >= 3, f"{doc}: sliders not shown"
        for k in range(sliders):
            from_the_start()
            before = page.evaluate(VIEW_JS)
            page.locator(".jp-OutputArea-output .widget-slider .noUi-handle").nth(k).focus()
            page.keyboard.press("End")
            if not moved(before):  # the slider started at its end
                before = page.evaluate(VIEW_JS)
                page.keyboard.press("Home")
                if not moved(before):
                    page.screenshot(path=str(folder / f"{doc}.png"), full_page=True)
                    pytest.fail(f"{doc}: slider {k} moved nothing (screenshot "
                                f"{folder / doc}.png)")
        toggle = ".jp-OutputArea-output .widget-toggle-button:not(.mod-active)"
        check = ".jp-OutputArea-output .widget-checkbox input"
        others = [(toggle, k) for k in range(page.locator(toggle).count())]
        others += [(check, k) for k in range(page.locator(check).count())]
        for selector, k in others:
            from_the_start()
            before = page.evaluate(VIEW_JS)
            page.locator(selector).nth(k).click()
            assert moved(before), f"{doc}: control {selector} {k} moved nothing"
    finally:
        context.close()
    assert not errors, errors


if __name__ == "__main__":  # pragma: no cover - run by hand
    sys.exit(pytest.main([__file__, "-v"]))
