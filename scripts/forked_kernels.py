"""Start the build's Jupyter kernels by forking a warm Python instead of starting a new one.

A new ``python -m ipykernel_launcher`` kernel spends about 1.5 s of CPU before a chapter's
first cell runs: 0.5 s starting Python and ipykernel, 1 s importing NumPy, SciPy, SymPy
and Matplotlib for energylib. The book runs 19 kernels per build (and the test suite
builds it four times). Here a *kernel server*, forked from the build before it imports
anything else, imports those libraries once; every kernel is a fork of it and starts in
milliseconds.

It is meant to be the same kernel as before: ipykernel's ``IPKernelApp``, started with
the command line, working directory and environment MyST-NB gives it, with the module
search path of a fresh interpreter started with that environment, in a session of its
own, standard input closed, only standard output and error open besides its own
connection, NumPy's and SymPy's random generators reseeded, and Python's exit handlers
run when it ends. The server imports only libraries whose import does not depend on the
kernel (never energylib, ipywidgets, ``matplotlib.pyplot`` or the inline backend, which
look for a running IPython when imported), with Matplotlib's backend set as ipykernel sets
it, so a chapter's ``import energylib`` runs in the kernel as in a fresh one. A kernel
exits when the Sphinx process that asked for it is gone (its request's connection
closes) or when the server is. Only the book's ``python3`` kernel (this Python running
``-m ipykernel_launcher``) with the build's own start-up environment is forked; any other
starts as usual, and ``BOOK_FORK_KERNELS=0`` starts every kernel as usual.
tests/test_book_build.py builds a page both ways and compares them.

    start_server()   # in the build's main process, before importing anything heavy
    patch_provisioner()
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading

# What the server imports: what energylib imports, none of which looks for IPython.
WARM_MODULES = ("numpy", "scipy.integrate", "scipy.optimize", "scipy.special", "scipy.stats",
                "sympy", "sympy.printing.numpy", "sympy.codegen.ast", "matplotlib",
                "matplotlib.figure", "matplotlib.backends.backend_agg", "ipykernel.kernelapp")
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"   # what ipykernel sets
# Variables Python or the warm modules read when they start: a kernel asked for with
# other values than the server's starts as usual.
STARTUP_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONHASHSEED", "PYTHONWARNINGS",
                     "PYTHONUTF8", "PYTHONIOENCODING", "PYTHONSAFEPATH", "PYTHONNOUSERSITE",
                     "PYTHONOPTIMIZE", "PYTHONDEVMODE", "MPLBACKEND", "MPLCONFIGDIR")

_server: dict[str, object] = {}


def enabled() -> bool:
    """Whether kernels are forked (``BOOK_FORK_KERNELS=0`` turns it off)."""
    return os.environ.get("BOOK_FORK_KERNELS", "1") != "0"


def start_server() -> None:
    """Fork the kernel server (its address and pid go to ``_server``)."""
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    # An abstract socket (Linux): no file to leave behind if the build is killed.
    address = f"\0book-kernels-{os.getpid()}-{os.urandom(6).hex()}"
    listener.bind(address)
    listener.listen(16)
    parent = os.getpid()
    # A fresh interpreter's search path with this environment: this one's, without the
    # folder of the script that runs the build.
    script = os.path.dirname(os.path.abspath(sys.argv[0]))
    path = [p for p in sys.path if p and os.path.abspath(p) != script]
    startup = {k: os.environ.get(k) for k in STARTUP_VARIABLES}
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            _serve(listener, parent, path)
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            sys.stderr.flush()
            os._exit(code)
    listener.close()
    _server.update(address=address, pid=pid, startup=startup)


def stop_server() -> None:
    """Stop the kernel server (its kernels, each in its own session, follow it)."""
    pid = _server.pop("pid", None)
    if pid:
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def _serve(listener: socket.socket, parent: int, path: list[str]) -> None:
    """The server: import the warm modules, then fork a kernel per request."""
    import importlib
    import traceback

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)   # kernels are reaped as they exit
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C stops the build, which stops us
    for name in WARM_MODULES:
        importlib.import_module(name)
    listener.settimeout(1.0)
    while os.getppid() == parent:
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        try:   # one bad request is answered with its error; the server carries on
            connection.settimeout(30.0)
            request = json.loads(_read_line(connection))
            if os.fork() == 0:
                listener.close()
                connection.settimeout(None)
                _be_kernel(connection, request, path)
        except Exception as error:  # noqa: BLE001
            traceback.print_exc()
            try:
                connection.sendall(f"ERR {type(error).__name__}: {error}\n".encode())
            except OSError:
                pass
        finally:
            connection.close()


def _read_line(connection: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            raise ConnectionError("kernel server: connection closed mid-request")
        data += chunk
    return data.decode()


def _exit_when_closed(connection: socket.socket) -> None:
    """In the kernel: exit at once when the process that asked for it is gone."""
    try:
        while connection.recv(64):
            pass
    except OSError:
        pass
    os._exit(1)


def _be_kernel(connection: socket.socket, request: dict, path: list[str]) -> None:
    """In the forked child: run the kernel, then report its exit status; never return."""
    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        connection.sendall(f"{os.getpid()}\n".encode())
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        keep = connection.fileno()
        os.closerange(3, keep)            # as Popen's close_fds: only 0-2 and our own
        os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.path[:] = path
        sys.argv = ["ipykernel_launcher", *request["argv"]]
        import numpy
        import sympy.core.random

        numpy.random.seed()  # noqa: NPY002 - the legacy global generator, as a fresh kernel has
        sympy.core.random.rng.seed()
        sympy.core.random._assumptions_rng.seed()
        threading.Thread(target=_exit_when_closed, args=(connection,), daemon=True).start()
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.parent_handle = os.getppid()   # also exit if the server (the build) is gone
        app.initialize(request["argv"])
        app.start()
        code = 0
    except SystemExit as stop:
        code = 0 if stop.code is None else stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        try:
            import atexit

            atexit._run_exitfuncs()        # as a Python that ends normally does
            sys.stdout.flush()
            sys.stderr.flush()
            connection.sendall(f"{code}\n".encode())
        except BaseException:  # noqa: BLE001, S110 - nothing left to tell
            pass
        os._exit(code)


class ForkedKernel:
    """The ``subprocess.Popen`` face of a forked kernel, for jupyter_client's provisioner.

    Its exit status arrives on the request's connection; a kernel that ended without
    sending one (killed by a signal, or ``os._exit`` in a cell) has ``returncode`` -1.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int, connection: socket.socket, received: bytes = b"") -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._connection = connection
        self._buffer = received

    def _collect(self, timeout: float | None) -> None:
        while self.returncode is None:
            ready, _, _ = select.select([self._connection], [], [], timeout)
            if not ready:
                return
            chunk = self._connection.recv(64)
            if not chunk:
                self.returncode = int(self._buffer) if self._buffer.strip() else -1
                self._connection.close()
                return
            self._buffer += chunk

    def poll(self) -> int | None:
        self._collect(0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        self._collect(timeout)
        if self.returncode is None:
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:   # it ended meanwhile, as Popen tolerates
                pass

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def launch(argv: list[str], cwd: str, env: dict[str, str]) -> ForkedKernel:
    """Ask the server for a kernel run with ipykernel arguments ``argv``."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(str(_server["address"]))
    request = {"argv": argv, "cwd": cwd, "env": env}
    connection.sendall((json.dumps(request) + "\n").encode())
    received = b""
    while b"\n" not in received:
        chunk = connection.recv(4096)
        if not chunk:
            raise RuntimeError("kernel server: no kernel started (did the server stop?)")
        received += chunk
    first, _, rest = received.partition(b"\n")
    if first.startswith(b"ERR "):
        raise RuntimeError(f"kernel server: {first[4:].decode()}")
    return ForkedKernel(int(first), connection, rest)


def forkable(cmd: list[str], env: dict[str, str]) -> bool:
    """A kernel the server can start: this Python running ipykernel, the same start-up."""
    startup = _server.get("startup")
    return (startup is not None and cmd[:3] == [sys.executable, "-m", "ipykernel_launcher"]
            and all(env.get(k) == v for k, v in startup.items()))


def patch_provisioner() -> None:
    """Have jupyter_client's local provisioner ask the server for ``python3`` kernels."""
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    original = LocalProvisioner.launch_kernel

    async def launch_kernel(self, cmd: list[str], **kwargs):
        given = kwargs.get("env")
        env = {str(k): str(v) for k, v in (os.environ if given is None else given).items()}
        if not forkable(cmd, env):
            return await original(self, cmd, **kwargs)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        env["JPY_PARENT_PID"] = str(os.getpid())   # as jupyter_client's launcher sets it
        self.process = launch(cmd[3:], cwd, env)
        self.pid = self.pgid = self.process.pid
        self.cwd = cwd
        return self.connection_info

    LocalProvisioner.launch_kernel = launch_kernel
