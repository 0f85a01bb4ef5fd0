"""Start the build's Jupyter kernels by forking a warm Python instead of starting a new one.

A new ``python -m ipykernel_launcher`` kernel spends about 1.5 s of CPU before a chapter's
first cell runs: 0.5 s starting Python and ipykernel, 1 s importing NumPy, SciPy, SymPy
and Matplotlib for energylib. The book runs 19 kernels per build (and the test suite
builds it four times). Here a *kernel server*, started before anything else is imported,
imports those libraries once; every kernel is a fork of it and starts in milliseconds.

It is the same kernel as before: ipykernel's ``IPKernelApp`` started with the command
line, working directory and environment MyST-NB gives it, in a session of its own, with
its standard input closed. Every cell runs in it as before. The server imports only
libraries whose import does not depend on the kernel (it never imports energylib,
ipywidgets, ``matplotlib.pyplot`` or the inline backend, which look for a running
IPython when imported), and with Matplotlib's backend set as ipykernel sets it, so a
chapter's ``import energylib`` runs in the kernel as in a fresh one. Only the book's
``python3`` kernel (``python -m ipykernel_launcher``) is forked; any other starts as
usual. The build's HTML is the same either way (tests/test_book_build.py).

    start_server()   # in the build's main process, before importing anything heavy
    patch_provisioner()
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys
import tempfile

# What the server imports: what energylib imports, none of which looks for IPython.
WARM_MODULES = ("numpy", "scipy.integrate", "scipy.optimize", "scipy.special", "scipy.stats",
                "sympy", "sympy.printing.numpy", "sympy.codegen.ast", "matplotlib",
                "matplotlib.figure", "matplotlib.backends.backend_agg", "ipykernel.kernelapp")
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"   # what ipykernel sets

_server: dict[str, object] = {}


def start_server() -> str:
    """Fork the kernel server; returns the path of its socket (also in ``_server``)."""
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    folder = tempfile.mkdtemp(prefix="book-kernels-")
    address = os.path.join(folder, "server")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(16)
    parent = os.getpid()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        try:
            _serve(listener, parent)
        finally:
            os._exit(0)
    listener.close()
    _server.update(address=address, pid=pid, folder=folder)
    return address


def stop_server() -> None:
    """Stop the kernel server (its kernels, each in its own session, are not touched)."""
    pid = _server.pop("pid", None)
    if pid:
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    folder = _server.pop("folder", None)
    if folder:
        for name in os.listdir(folder):
            os.unlink(os.path.join(folder, name))
        os.rmdir(folder)


def _serve(listener: socket.socket, parent: int) -> None:
    """The server: import the warm modules, then fork a kernel per request."""
    import importlib

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
        connection.settimeout(None)
        request = json.loads(_read_line(connection))
        if os.fork() == 0:
            listener.close()
            _be_kernel(connection, request)
        connection.close()


def _read_line(connection: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            raise ConnectionError("kernel server: connection closed mid-request")
        data += chunk
    return data.decode()


def _be_kernel(connection: socket.socket, request: dict) -> None:
    """In the forked child: run the kernel, then report its exit status; never return."""
    code = 1
    try:
        connection.sendall(f"{os.getpid()}\n".encode())
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.setsid()
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.path[:] = request["path"]
        sys.argv = ["ipykernel_launcher", *request["argv"]]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.parent_handle = os.getppid()   # exit if the server (hence the build) is gone
        app.initialize(request["argv"])
        app.start()
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
            connection.sendall(f"{code}\n".encode())
        except BaseException:
            pass
        os._exit(code)


class ForkedKernel:
    """The ``subprocess.Popen`` face of a forked kernel, for jupyter_client's provisioner.

    Its exit status arrives on the request's connection; a kernel killed by a signal
    closes the connection without one (``returncode`` -1).
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
            raise TimeoutError(f"kernel {self.pid} still running after {timeout} s")
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def launch(argv: list[str], cwd: str, env: dict[str, str]) -> ForkedKernel:
    """Ask the server for a kernel run with ipykernel arguments ``argv``."""
    path = [p for p in sys.path if p not in ("", os.path.dirname(os.path.abspath(__file__)))]
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(str(_server["address"]))
    request = {"argv": argv, "cwd": cwd, "env": env, "path": path}
    connection.sendall((json.dumps(request) + "\n").encode())
    received = b""
    while b"\n" not in received:
        chunk = connection.recv(64)
        if not chunk:
            raise RuntimeError("kernel server: no kernel started (did the server stop?)")
        received += chunk
    pid, _, rest = received.partition(b"\n")
    return ForkedKernel(int(pid), connection, rest)


def patch_provisioner() -> None:
    """Have jupyter_client's local provisioner ask the server for ``python3`` kernels."""
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    original = LocalProvisioner.launch_kernel

    async def launch_kernel(self, cmd: list[str], **kwargs):
        if "address" not in _server or cmd[1:3] != ["-m", "ipykernel_launcher"]:
            return await original(self, cmd, **kwargs)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        env = {str(k): str(v) for k, v in (kwargs.get("env") or os.environ).items()}
        self.process = launch(cmd[3:], cwd, env)
        self.pid = self.pgid = self.process.pid
        self.cwd = cwd
        return self.connection_info

    LocalProvisioner.launch_kernel = launch_kernel
