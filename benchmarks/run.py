"""Benchmarks of the book: builds, chapters, explorers (kernel and site), page weight, energylib.

    python benchmarks/run.py                  # all figures, printed as a table
    python benchmarks/run.py --json out.json  # also write them as JSON
    python benchmarks/run.py --no-build       # no build figures (uses the built site as is)
    python benchmarks/run.py --fast-tier      # also time `bash scripts/test.sh --fast`
    python benchmarks/run.py --full-suite     # also time `bash scripts/test.sh` from a clean
                                              # _build/ (long: the whole suite)

Run it with the project's venv (.venv/bin/python) after `bash scripts/build.sh` (which
installs everything and vendors the browser assets). The cold build removes _build/
(the vendored assets live in _vendor/ and are kept). A figure that cannot be measured
is reported as "n/a" with the error, and the other figures are still measured.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The strict build of scripts/build.sh: jupyter-book build with Sphinx's parallel build.
BUILD_CMD = [sys.executable, str(ROOT / "scripts" / "book_build.py"), "-j", "auto", ".", "-W",
             "-n", "--keep-going"]
YEAR_S = 3.15576e7  # Julian year [s]

# (key, label, unit, target as text) in the order of the table.
FIGURES = [
    ("cold_build_s", "cold build (clean, every chapter executed)", "s", ""),
    ("rebuild_s", "rebuild, nothing changed", "s", "<= 5 s"),
    ("build_peak_mb", "build peak memory (process tree RSS)", "MB", ""),
    ("per_chapter_s", "execution per chapter", "s", ""),
    ("widget_update_ms_median", "widget update, median of 100 slider moves", "ms", "<= 30 ms"),
    ("widget_update_ms_p95", "widget update, 95th percentile", "ms", ""),
    ("widget_update_ms_by_explorer", "widget update, every explorer", "ms", "<= 30 ms"),
    ("site_slider_ms_median", "site: slider to redraw, median (all explorers)", "ms", "<= 16 ms"),
    ("site_slider_ms_p95", "site: slider to redraw, 95th percentile", "ms", ""),
    ("site_slider_ms_by_explorer", "site: slider to redraw, every explorer", "ms", ""),
    ("first_render_ms", "site: time to first contentful paint, cold", "ms", ""),
    ("page_weight_kb", "site: first-load bytes per chapter (own files)", "kB", ""),
    ("shared_assets_kb", "site: shared assets (theme, vendor), counted once", "kB", ""),
    ("energylib_1e6_s", "cumulative_inference_energy on 1e6 parameter sets", "s", "<= 0.1 s"),
    ("montecarlo_1e6_s", "break-even Monte Carlo, 1e6 draws", "s", "< 1 s"),
    ("fast_tier_s", "tests, fast tier: scripts/test.sh --fast (--fast-tier)", "s", "< 60 s"),
    ("full_suite_s", "tests, full: scripts/test.sh from clean _build/ (--full-suite)", "s",
     "< 720 s"),
]


def timed_build() -> tuple[float, float, str]:
    """Run the strict build; return (wall seconds, peak RSS of its process tree [MB], log).

    Peak memory: psutil samples the build and all its descendants (the Jupyter kernels)
    every 50 ms and sums their resident sets.
    """
    import psutil

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    log_path = ROOT / "_build" / "benchmark-build.log"
    log_path.parent.mkdir(exist_ok=True)
    peak = 0
    stop = threading.Event()

    with log_path.open("w") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(BUILD_CMD, cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)

        def sample() -> None:
            nonlocal peak
            try:
                parent = psutil.Process(proc.pid)
            except psutil.NoSuchProcess:
                return
            while not stop.is_set():
                total = 0
                try:
                    for p in [parent, *parent.children(recursive=True)]:
                        try:
                            total += p.memory_info().rss
                        except psutil.NoSuchProcess:
                            pass
                except psutil.NoSuchProcess:
                    break
                peak = max(peak, total)
                stop.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = proc.wait()
        wall = time.perf_counter() - start
        stop.set()
        sampler.join()

    text = log_path.read_text(errors="replace")
    if code != 0:
        tail = "\n".join(text.splitlines()[-30:])
        raise RuntimeError(f"build failed (exit {code}), see {log_path}:\n{tail}")
    return wall, peak / 1e6, text


def per_chapter_from_log(log: str) -> dict[str, float]:
    """MyST-NB logs 'chapters/x: Executed notebook in 2.27 seconds' per executed chapter."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", log)
    found = re.findall(r"(\S+): Executed notebook in ([0-9.]+) seconds", plain)
    if not found:
        raise RuntimeError("no 'Executed notebook' lines in the build log")
    chapters = {}
    for path, seconds in found:  # path: absolute source path, or a docname
        doc = Path(path)
        if doc.is_absolute():
            doc = doc.relative_to(ROOT)
        chapters[doc.with_suffix("").as_posix()] = round(float(seconds), 3)
    return chapters


def measure_builds(results: dict, errors: dict) -> None:
    try:
        build = ROOT / "_build"
        if build.exists():
            shutil.rmtree(build)
        wall, peak_mb, log = timed_build()
        results["cold_build_s"] = round(wall, 2)
        results["build_peak_mb"] = round(peak_mb, 1)
        try:
            results["per_chapter_s"] = per_chapter_from_log(log)
        except Exception as err:  # noqa: BLE001 - reported, not raised
            errors["per_chapter_s"] = repr(err)
        wall, _, _ = timed_build()
        results["rebuild_s"] = round(wall, 2)
    except Exception as err:  # noqa: BLE001
        for key in ("cold_build_s", "build_peak_mb", "per_chapter_s", "rebuild_s"):
            errors.setdefault(key, repr(err))


# Every explorer of the book: (chapter, module, class). The temporal one gives the
# widget_update_ms_median / _p95 figures; all of them fill widget_update_ms_by_explorer.
EXPLORERS = [
    ("temporal-infinity", "energylib.explorers.temporal", "TemporalExplorer"),
    ("semantic-infinity", "energylib.explorers.semantic", "CacheExplorer"),
    ("machine-infinity", "energylib.explorers.machines", "AgentExplorer"),
    ("the-argument", "energylib.explorers.argument", "ArgumentExplorer"),
    ("thermodynamics", "energylib.explorers.thermo", "LandauerExplorer"),
    ("analogies", "energylib.explorers.analogies", "AnalogyExplorer"),
    ("real-numbers", "energylib.explorers.real", "BreakEvenExplorer"),
    ("industry", "energylib.explorers.industry", "IndustryExplorer"),
    ("verdict", "energylib.explorers.verdict", "VerdictExplorer"),
]


def time_slider_moves(explorer, moves: int = 100, seed: int = 0) -> list[float]:
    """Assign random positions to the explorer's sliders in turn; seconds per move."""
    import numpy as np

    sliders = list(explorer.sliders.values())
    rng = np.random.default_rng(seed)
    times = []
    for i in range(moves):
        slider = sliders[i % len(sliders)]
        # A random position on the slider's own grid (options for selection widgets).
        if isinstance(slider.value, bool):  # a checkbox or toggle: flip it
            value = not slider.value
        elif hasattr(slider, "options") and slider.options:
            value = slider.options[rng.integers(len(slider.options))]
            if isinstance(value, tuple):
                value = value[1]
        else:
            value = slider.min + rng.random() * (slider.max - slider.min)
            if hasattr(slider, "base"):  # FloatLogSlider: min and max are exponents
                value = slider.base ** value
            if isinstance(slider.value, int):
                value = int(round(value))
        start = time.perf_counter()
        slider.value = value  # fires the callback: recompute and redraw
        times.append(time.perf_counter() - start)
    return times


def measure_widget(results: dict, errors: dict, moves: int = 100) -> None:
    """Median and 95th percentile of 100 slider moves on each explorer (compute + redraw)."""
    import importlib

    import numpy as np

    os.environ.setdefault("MPLBACKEND", "Agg")
    by_explorer = {}
    for chapter, module, name in EXPLORERS:
        try:
            explorer = getattr(importlib.import_module(module), name)()
            ms = 1e3 * np.array(time_slider_moves(explorer, moves))
            median, p95 = float(np.median(ms)), float(np.percentile(ms, 95))
            by_explorer[f"{chapter} median"] = round(median, 2)
            by_explorer[f"{chapter} p95"] = round(p95, 2)
            if chapter == "temporal-infinity":
                results["widget_update_ms_median"] = round(median, 2)
                results["widget_update_ms_p95"] = round(p95, 2)
        except Exception as err:  # noqa: BLE001
            errors[f"widget {chapter}"] = f"{err!r} ({traceback.format_exc(limit=-1).strip()})"
    results["widget_update_ms_by_explorer"] = by_explorer


def measure_energylib(results: dict, errors: dict, n: int = 10**6) -> None:
    """cumulative_inference_energy on arrays of 10^6 random parameter sets (median of 5)."""
    try:
        import numpy as np

        import energylib

        rng = np.random.default_rng(0)
        horizon = rng.uniform(0.1, 30.0, n) * YEAR_S  # [s]
        q0 = 10 ** rng.uniform(3, 5, n)  # [queries/s]
        e0 = 10 ** rng.uniform(2, 4, n)  # [J]
        growth = rng.uniform(0, 1, n) / YEAR_S  # [1/s]
        efficiency = rng.uniform(0, 1, n) / YEAR_S  # [1/s]
        f = energylib.cumulative_inference_energy
        # One full-size warm-up call (the first touches fresh memory for every
        # temporary array), then the median of five timed calls.
        f(horizon, q0, e0, growth, efficiency)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            energy = f(horizon, q0, e0, growth, efficiency)
            times.append(time.perf_counter() - start)
        elapsed = statistics.median(times)
        if np.shape(energy) != (n,) or not np.all(np.isfinite(energy)):
            raise RuntimeError("result is not 10^6 finite values")
        results["energylib_1e6_s"] = round(elapsed, 4)
    except Exception as err:  # noqa: BLE001
        errors["energylib_1e6_s"] = repr(err)


def measure_montecarlo(results: dict, errors: dict, n: int = 10**6) -> None:
    """break_even_monte_carlo on 10^6 draws for the first deployment (median of 3)."""
    try:
        from energylib.montecarlo import DEPLOYMENTS, break_even_monte_carlo

        deployment = next(iter(DEPLOYMENTS.values()))
        break_even_monte_carlo(deployment, n_draws=n, seed=1)  # warm-up
        times = []
        for seed in range(3):
            start = time.perf_counter()
            break_even_monte_carlo(deployment, n_draws=n, seed=seed)
            times.append(time.perf_counter() - start)
        results["montecarlo_1e6_s"] = round(statistics.median(times), 4)
    except Exception as err:  # noqa: BLE001
        errors["montecarlo_1e6_s"] = repr(err)


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Move random sliders of every explorer on the page; return the runtime's latencies
# (from the input event to the end of the chart's redraw) [ms].
SLIDER_MOVES_JS = """async (moves) => {
  let seed = 12345;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const all = {};
  for (const root of document.querySelectorAll('.web-explorer')) {
    const inputs = [...root.querySelectorAll('input[type=range]')];
    root.webExplorer.latencies.length = 0;
    for (let k = 0; k < moves; k++) {
      const input = inputs[k % inputs.length];
      const lo = Number(input.min), hi = Number(input.max), step = Number(input.step);
      input.value = String(lo + Math.round(random() * (hi - lo) / step) * step);
      input.dispatchEvent(new Event('input', {bubbles: true}));
      // The chart redraws in a microtask after the event: let it, then move again.
      await new Promise((done) => setTimeout(done, 0));
    }
    all[root.dataset.explorer] = root.webExplorer.latencies.slice();
  }
  return all;
}"""


def measure_site(results: dict, errors: dict, moves: int = 100) -> None:
    """The built site in Chromium: page weight, first paint, slider-to-redraw latency.

    Serves _build/html on 127.0.0.1 and blocks every other request. Page weight: bytes
    of every response on a cold first load; the theme's and vendored files (_static/,
    vendor/) are shared by all pages and counted once, in shared_assets_kb.
    """
    import functools
    import http.server

    import numpy as np
    from playwright.sync_api import sync_playwright

    html = ROOT / "_build" / "html"
    sys.path.insert(0, str(ROOT / "tests"))
    from booktools import toc_docnames

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    weights, shared, paints, latencies = {}, {}, {}, {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for doc in toc_docnames():
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                sizes: dict[str, int] = {}
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                           else r.abort())
                page.on("response", lambda r, sizes=sizes: sizes.__setitem__(
                    r.url.split("?")[0], len(r.body()) if r.ok else 0))
                page.goto(f"{base}/{doc}.html", wait_until="networkidle")
                paint = page.evaluate("""() => (performance.getEntriesByName(
                    'first-contentful-paint')[0] || {}).startTime""")
                name = doc.removeprefix("chapters/")
                paints[name] = round(float(paint), 1) if paint else float("nan")
                own = 0
                for url, size in sizes.items():
                    path = url.removeprefix(base)
                    if path.startswith(("/_static/", "/vendor/")):
                        shared[path] = size
                    else:
                        own += size
                weights[name] = round(own / 1e3, 1)
                if page.locator(".web-explorer.wx-ready").count():
                    for explorer, ms in page.evaluate(SLIDER_MOVES_JS, moves).items():
                        latencies[explorer] = ms
                context.close()
            browser.close()
    finally:
        server.shutdown()
    results["page_weight_kb"] = weights
    results["shared_assets_kb"] = round(sum(shared.values()) / 1e3, 1)
    results["first_render_ms"] = paints
    if latencies:
        every = np.concatenate([np.asarray(v, dtype=float) for v in latencies.values()])
        results["site_slider_ms_median"] = round(float(np.median(every)), 2)
        results["site_slider_ms_p95"] = round(float(np.percentile(every, 95)), 2)
        by = {}
        for name, ms in latencies.items():
            by[f"{name} median"] = round(float(np.median(ms)), 2)
            by[f"{name} p95"] = round(float(np.percentile(ms, 95)), 2)
        results["site_slider_ms_by_explorer"] = by
    else:
        errors["site_slider_ms_median"] = "no live explorer found on the site"


def time_test_suite(key: str, args: list[str], results: dict, errors: dict) -> None:
    """Wall time of `bash scripts/test.sh ARGS` (it must pass); its log in _build/."""
    log_path = ROOT / "_build" / f"benchmark-{key}.log"
    log_path.parent.mkdir(exist_ok=True)
    with log_path.open("w") as log:
        start = time.perf_counter()
        code = subprocess.call(["bash", str(ROOT / "scripts" / "test.sh"), *args], cwd=ROOT,
                               stdout=log, stderr=subprocess.STDOUT)
        wall = time.perf_counter() - start
    if code != 0:
        errors[key] = f"scripts/test.sh {' '.join(args)} failed (exit {code}), see {log_path}"
    else:
        results[key] = round(wall, 1)


def measure_tests(results: dict, errors: dict, fast: bool, full: bool) -> None:
    if fast:
        time_test_suite("fast_tier_s", ["--fast"], results, errors)
    if full:
        build = ROOT / "_build"
        if build.exists():
            shutil.rmtree(build)
        time_test_suite("full_suite_s", [], results, errors)
    for key, flag in (("fast_tier_s", "--fast-tier"), ("full_suite_s", "--full-suite")):
        if key not in results and key not in errors:
            errors[key] = f"not measured (run with {flag})"


def print_table(results: dict, errors: dict) -> None:
    rows = []
    for key, label, unit, target in FIGURES:
        value = results.get(key)
        if isinstance(value, dict):
            rows.append((label, "", unit, target))
            rows += [(f"  {name}", f"{v:.2f}", unit, "") for name, v in value.items()]
        elif value is None:
            rows.append((label, "n/a", "", target))
        else:
            rows.append((label, f"{value:g}", unit, target))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("figure", "value", "unit", "target")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    line = "  ".join(f"{{:{'<' if i in (0, 2, 3) else '>'}{w}}}" for i, w in enumerate(widths))
    print(line.format(*header))
    print(line.format(*("-" * w for w in widths)))
    for row in rows:
        print(line.format(*row))
    for key, err in errors.items():
        print(f"n/a {key}: {err}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--no-build", action="store_true", help="skip the build figures")
    parser.add_argument("--fast-tier", action="store_true",
                        help="time the fast tier of the tests (bash scripts/test.sh --fast)")
    parser.add_argument("--full-suite", action="store_true",
                        help="time the whole test suite (bash scripts/test.sh), clean _build/")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))  # this checkout's energylib
    results: dict = {}
    errors: dict = {}
    if not args.no_build:
        measure_builds(results, errors)
    measure_widget(results, errors)
    try:
        measure_site(results, errors)
    except Exception as err:  # noqa: BLE001
        for key in ("site_slider_ms_median", "first_render_ms", "page_weight_kb"):
            errors.setdefault(key, repr(err))
    measure_energylib(results, errors)
    measure_montecarlo(results, errors)
    measure_tests(results, errors, fast=args.fast_tier, full=args.full_suite)

    print_table(results, errors)
    if args.json:
        payload = {key: results.get(key, "n/a") for key, *_ in FIGURES}
        payload["errors"] = errors
        payload["targets"] = {key: t for key, _, _, t in FIGURES if t}
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
