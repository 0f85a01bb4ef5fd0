"""`jupyter-book build` with Sphinx's parallel build (which the jupyter-book CLI lacks).

    python scripts/book_build.py [-j N|auto] <the arguments of `jupyter-book build`>

Example, the strict build of scripts/build.sh:

    .venv/bin/python scripts/book_build.py -j auto . -W -n --keep-going

MyST-NB executes a chapter while Sphinx reads it, so reading chapters in N processes
runs N chapters' kernels at once. Every extension of the book declares itself
parallel-safe (Sphinx falls back to a serial read, with a warning that -W turns into a
failure, when one does not). Sphinx batches documents in chunks of up to 10 per
process; the chapters take from under a second to several seconds each, so here each
process reads one chapter with code at a time (the next one goes to whichever process
is free), longest first, so that no long chapter starts last (`longest_first`).
`-j auto` is one process per CPU core plus one: the main process is busy too (it merges
what each process read and, while writing, resolves each page before a process writes
it), and on the 2-core machine three processes build the book in about 45 s where two
took about 51 s. `-j 1` is the plain serial build. The kernels are forked from a warm
process (scripts/forked_kernels.py).

A chapter whose cell raises stops the build either way; in a parallel build Sphinx
reports only the reading process's one-line error ("ExecutionError: chapters/x.md")
and files the traceback, which holds the failing cell and its error, in a temporary
log. Here the error's message carries that traceback, so the build log shows the cell.
"""

from __future__ import annotations

import atexit
import os
import sys

import forked_kernels


def parse_jobs(argv: list[str]) -> tuple[int, list[str]]:
    """Take `-j N`, `-jN`, `--jobs N` or `--jobs=N` (N a count or "auto") out of argv."""
    jobs, rest = "auto", []
    args = iter(argv)
    for arg in args:
        if arg in ("-j", "--jobs"):
            jobs = next(args, "")
        elif arg.startswith("--jobs="):
            jobs = arg.partition("=")[2]
        elif arg.startswith("-j") and len(arg) > 2:
            jobs = arg[2:]
        else:
            rest.append(arg)
    if jobs == "auto":
        return len(os.sched_getaffinity(0)) + 1, rest
    if not jobs.isdigit() or int(jobs) < 1:
        sys.exit(f"book_build: -j takes a positive count or 'auto', not {jobs!r}")
    return int(jobs), rest


def _with_traceback(error) -> str:
    """SphinxParallelError's message, followed by the reading process's traceback."""
    return f"{error.message}\n\nIn the process that raised it:\n{error.traceback}"


def preload_energylib() -> None:
    """Import every module of energylib (and with it NumPy, SymPy, Matplotlib) once, here.

    Sphinx reads and writes each document in a process forked from this one; a module
    imported here is inherited by every fork instead of being imported again in each
    (autodoc imports energylib for each of the API pages). On the 2-core machine this
    took the cold build from about 3.5 to about 2.2 minutes. The chapters' own code runs
    in Jupyter kernels, which import what they use themselves. The energylib imported is
    the one on PYTHONPATH: an edition's build imports the edition's copy. A module that
    fails to import fails the build here, as it would in autodoc.
    """
    import importlib
    import pkgutil

    try:
        import energylib
    except ModuleNotFoundError as error:
        if error.name != "energylib":
            raise
        return   # a book without energylib (the tests' tiny books)
    for module in pkgutil.walk_packages(energylib.__path__, "energylib."):
        importlib.import_module(module.name)


def longest_first(srcdir: str, batch: int = 8):
    """Sphinx's ``make_chunks``: the chapters with code one per chunk, longest first.

    A chapter's run time grows with its code, so the chapters with code go first,
    longest source first, one per chunk (the next goes to whichever process is free);
    the pages without code (the API reference, the glossary...) follow in chunks of up
    to ``batch``: each chunk costs a fork and a round trip of the pickled environment
    (about 2 MB here), more than reading such a page. Sphinx 7.4 starts the first
    ``nproc`` chunks as they are added and the others last-in, first-out
    (``ParallelTasks._join_one`` pops the newest waiting task), so those go in reversed.
    Sphinx makes the writing phase's chunks with the same function: the pages are
    written in the same chunks (the order matters little there).
    """

    def cost(docname: str) -> tuple[bool, int]:
        try:
            with open(os.path.join(srcdir, docname + ".md"), encoding="utf-8") as f:
                text = f.read()
        except OSError:
            return False, 0
        return "```{code-cell}" in text, len(text)

    def make_chunks(docnames, nproc, maxbatch=10):
        costs = {d: cost(d) for d in docnames}
        ordered = sorted(docnames, key=costs.__getitem__, reverse=True)
        code = [[d] for d in ordered if costs[d][0]]
        rest = [d for d in ordered if not costs[d][0]]
        chunks = code + [rest[i:i + batch] for i in range(0, len(rest), batch)]
        return chunks[:nproc] + chunks[nproc:][::-1]

    return make_chunks


def source_folder(args: list[str]) -> str:
    """The book's folder among `jupyter-book build`'s arguments: its one positional one."""
    with_value = {"--path-output", "--config", "--toc", "--builder", "--custom-builder"}
    words = iter(args)
    for word in words:
        if word in with_value:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return "."


def harden_parallel_tasks() -> None:
    """Make Sphinx's forked tasks fail loudly and never outlive a failed build.

    Sphinx 7.4's ``ParallelTasks`` has two gaps that matter when a chapter fails:

    * ``add_task`` catches a failure it finds while starting the next task, stops the
      running tasks and carries on: the failure is lost;
    * ``terminate`` stops only the tasks whose results it still waits for, and the tasks
      are not daemons. A task that was left running blocks on sending its result (the
      pickled environment, larger than a pipe holds) to a parent that no longer reads,
      and the parent, exiting, waits for it for ever. A full test run hung this way once,
      on the failing-cell sabotage build (tests/test_book_build.py).

    Here ``add_task`` re-raises after stopping the tasks, every task is a daemon (an
    exiting parent stops it instead of waiting), and ``terminate`` stops every started
    task and drops the ones not yet started.
    """
    import multiprocessing

    from sphinx.util.parallel import ParallelTasks

    def add_task(self, task_func, arg=None, result_func=None) -> None:
        tid = self._taskid
        self._taskid += 1
        self._result_funcs[tid] = result_func or (lambda arg, result: None)
        self._args[tid] = arg
        precv, psend = multiprocessing.Pipe(False)
        context = multiprocessing.get_context("fork")
        proc = context.Process(target=self._process, args=(psend, task_func, arg), daemon=True)
        self._procs[tid] = proc
        self._precvsWaiting[tid] = precv
        try:
            self._join_one()
        except BaseException:
            self.terminate()
            raise

    def terminate(self) -> None:
        for proc in self._procs.values():
            if proc.is_alive():
                proc.terminate()
        for proc in self._procs.values():
            if proc.pid is not None:
                proc.join(timeout=10)
        self._procs.clear()
        self._precvs.clear()
        self._precvsWaiting.clear()
        self._result_funcs.clear()
        self._pworking = 0

    ParallelTasks.add_task = add_task
    ParallelTasks.terminate = terminate


def main(argv: list[str]) -> int:
    jobs, rest = parse_jobs(argv)
    # First, before this process imports anything heavy or starts a thread.
    if forked_kernels.enabled():
        forked_kernels.start_server()
        atexit.register(forked_kernels.stop_server)

    import jupyter_book.sphinx
    import sphinx.builders
    import sphinx.errors
    from jupyter_book.cli.main import main as jupyter_book_main

    build_sphinx = jupyter_book.sphinx.build_sphinx

    def build_sphinx_in_parallel(*args, **kwargs):
        kwargs["jobs"] = jobs
        return build_sphinx(*args, **kwargs)

    jupyter_book.sphinx.build_sphinx = build_sphinx_in_parallel
    preload_energylib()
    if forked_kernels.enabled():
        forked_kernels.patch_provisioner()
    harden_parallel_tasks()
    sphinx.errors.SphinxParallelError.__str__ = _with_traceback
    # One chapter with code per task, longest first (the free process takes the next);
    # the pages without code in batches.
    sphinx.builders.make_chunks = longest_first(source_folder(rest))
    return jupyter_book_main(["build", *rest], prog_name="jupyter-book build")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
