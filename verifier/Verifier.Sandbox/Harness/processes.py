# Processes of the supervisor: the cgroup counters, fork/exec with an exact fd layout and limits, reaping (PID 1
# inherits every orphan), killing everything but PID 1, and the watch loop that enforces CPU, wall and output limits.
import ctypes
import fcntl
import os
import resource
import selectors
import signal
import time

CPUACCT = "/sys/fs/cgroup/cpuacct/cpuacct.usage"
OOM_CONTROL = "/sys/fs/cgroup/memory/memory.oom_control"
PIDS_CURRENT = "/sys/fs/cgroup/pids/pids.current"
SPAWN_ERROR_FD = 99
CHUNK = 65536

libc = ctypes.CDLL(None, use_errno=True)


# ---------------------------------------------------------------- the container's view of its cgroup

class Cgroup:
    def __init__(self):
        self.cpu_fd = self._open(CPUACCT)

    @staticmethod
    def _open(path):
        try:
            return os.open(path, os.O_RDONLY)
        except OSError:
            return None

    def cpu_ns(self):
        if self.cpu_fd is None:
            return None
        return int(os.pread(self.cpu_fd, 64, 0))

    @staticmethod
    def oom_kills():
        try:
            with open(OOM_CONTROL) as f:
                for line in f:
                    if line.startswith("oom_kill "):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    @staticmethod
    def pids():
        try:
            with open(PIDS_CURRENT) as f:
                return int(f.read())
        except OSError:
            return None


# ---------------------------------------------------------------- processes

class Reaper:
    """PID 1 inherits every orphan; this reaps them all and keeps the statuses of the children we wait for."""

    def __init__(self):
        self.statuses = {}

    def reap(self):
        while True:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.statuses[pid] = (status, usage)

    def wait(self, pid, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while pid not in self.statuses:
            try:
                got, status, usage = os.wait4(pid, os.WNOHANG if deadline is not None else 0)
            except ChildProcessError:
                self.reap()
                if pid in self.statuses:
                    break
                return None
            if got == pid:
                self.statuses[pid] = (status, usage)
                break
            if deadline is not None:
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.001)
        return self.statuses.pop(pid)


reaper = Reaper()
cgroup = Cgroup()
resolved_paths = {}


def resolve(program, env):
    if "/" in program:
        return program
    key = (program, env.get("PATH", ""))
    if key not in resolved_paths:
        for directory in key[1].split(":"):
            candidate = os.path.join(directory, program)
            if os.access(candidate, os.X_OK):
                resolved_paths[key] = candidate
                break
        else:
            raise FileNotFoundError("%s not found on PATH" % program)
    return resolved_paths[key]


def close_other_fds(keep):
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass


def child_setup(fds, limits, oom_score):
    """In a fork child: the fd layout, a session of its own, default signals, limits. Raises on failure."""
    high = {target: fcntl.fcntl(source, fcntl.F_DUPFD_CLOEXEC, 100) for target, source in fds.items()}
    for target, source in high.items():
        os.dup2(source, target, inheritable=True)
    close_other_fds(set(fds))
    os.setsid()
    for sig in (signal.SIGPIPE, signal.SIGINT, signal.SIGXFSZ, signal.SIGXCPU, signal.SIGCHLD):
        signal.signal(sig, signal.SIG_DFL)
    for limit, value in limits:
        resource.setrlimit(limit, (value, value))
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write(str(oom_score))
    except OSError:
        pass


def spawn(argv, fds, env, cwd, limits):
    """fork + exec with exactly the given fds (target -> our fd). Exec errors come back through a CLOEXEC pipe."""
    path = resolve(argv[0], env)
    err_r, err_w = os.pipe2(os.O_CLOEXEC)
    pid = os.fork()
    if pid == 0:
        try:
            fds = dict(fds)
            fds[SPAWN_ERROR_FD] = err_w
            child_setup(fds, limits, 1000)
            os.set_inheritable(SPAWN_ERROR_FD, False)  # closed by a successful exec: EOF tells the parent it worked
            os.chdir(cwd)
            os.umask(0o077)
            os.execve(path, argv, env)
        except BaseException as e:  # noqa: B036 - anything must end this child
            try:
                os.write(SPAWN_ERROR_FD, ("%s: %s" % (type(e).__name__, e)).encode()[:500])
            finally:
                os._exit(127)
    os.close(err_w)
    error = b""
    while True:
        chunk = os.read(err_r, 1024)
        if not chunk:
            break
        error += chunk
    os.close(err_r)
    if error:
        reaper.wait(pid)
        raise OSError("cannot start %s: %s" % (argv[0], error.decode(errors="replace")))
    return pid


def fork_trusted(fds, body, limits, oom_score=500):
    """Forks a helper that runs our own code (never exec): it stays non-dumpable like this process."""
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            devnull = os.open(os.devnull, os.O_RDWR)
            fds = dict(fds)
            for target in (0, 1, 2):
                fds.setdefault(target, devnull)
            child_setup(fds, limits, oom_score)
            body()
        except BaseException:  # noqa: B036
            code = 70
        finally:
            os._exit(code)
    return pid


def kill_all_but_me():
    """SIGKILL every other process of the container (they all share our uid; PID 1 is never hit) and reap them."""
    for attempt in range(200):
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        reaper.reap()
        others = [p for p in os.listdir("/proc") if p.isdigit() and p != "1"]
        if not others:
            reaper.statuses.clear()
            return True
        time.sleep(min(0.0005 * (attempt + 1), 0.01))
    return False


def rlimits(limits, cpu_ms, file_bytes):
    cpu_s = max(1, -(-int(cpu_ms) // 1000) + 1)  # a backstop: the watch loop enforces the precise limit
    return [
        (resource.RLIMIT_CPU, cpu_s),
        (resource.RLIMIT_FSIZE, int(file_bytes)),
        (resource.RLIMIT_NOFILE, int(limits["openFiles"])),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_STACK, int(limits["stackBytes"])),
    ]


# ---------------------------------------------------------------- watching a run

class Sink:
    """Reads a child's pipe without ever holding more than `cap` bytes; `over` says the child wrote more."""

    def __init__(self, fd, cap, keep=True):
        self.fd = fd
        self.cap = cap
        self.keep = keep
        self.parts = []
        self.size = 0
        self.total = 0
        self.over = False

    def read(self):
        try:
            chunk = os.read(self.fd, CHUNK)
        except BlockingIOError:
            return True
        if not chunk:
            return False
        self.total += len(chunk)
        room = self.cap - self.size
        if room > 0 and self.keep:
            self.parts.append(chunk[:room])
            self.size += min(room, len(chunk))
        if self.total > self.cap:
            self.over = True
        return True

    def data(self):
        return b"".join(self.parts)


class Watch:
    """A selector loop over a run's pipes and pidfds with the CPU (whole container), wall and output limits."""

    def __init__(self, cpu_ms, wall_ms):
        self.selector = selectors.DefaultSelector()
        self.start = time.monotonic()
        self.cpu0 = cgroup.cpu_ns()
        self.oom0 = Cgroup.oom_kills()
        self.cpu_limit_ns = None if cpu_ms is None else int(cpu_ms * 1e6) + 20_000_000
        self.wall_deadline = None if wall_ms is None else self.start + wall_ms / 1000.0
        self.stopped_for = None
        self.sinks = []
        self.writers = {}

    def add_sink(self, fd, cap, keep=True):
        os.set_blocking(fd, False)
        sink = Sink(fd, cap, keep)
        self.sinks.append(sink)
        self.selector.register(fd, selectors.EVENT_READ, ("sink", sink))
        return sink

    def add_writer(self, fd, data):
        os.set_blocking(fd, False)
        if not data:
            os.close(fd)
            return
        self.writers[fd] = memoryview(data)
        self.selector.register(fd, selectors.EVENT_WRITE, ("writer", fd))

    def add_pid(self, pid, name):
        fd = os.pidfd_open(pid)
        self.selector.register(fd, selectors.EVENT_READ, ("pid", name))
        return fd

    def add_reader(self, fd, name):
        os.set_blocking(fd, False)
        self.selector.register(fd, selectors.EVENT_READ, ("reader", name))

    def cpu_ms(self):
        now = cgroup.cpu_ns()
        return 0.0 if now is None or self.cpu0 is None else (now - self.cpu0) / 1e6

    def wall_ms(self):
        return (time.monotonic() - self.start) * 1000.0

    def oom_killed(self):
        return Cgroup.oom_kills() > self.oom0

    def events(self):
        """Yields (kind, payload) events until the caller stops iterating or a limit is hit (then stopped_for is set)."""
        while True:
            timeout = 0.01
            if self.wall_deadline is not None:
                timeout = max(0.0, min(timeout, self.wall_deadline - time.monotonic()))
            for key, _ in self.selector.select(timeout):
                kind, payload = key.data
                if kind == "sink":
                    if not payload.read():
                        self.unregister(payload.fd)
                    elif payload.over:
                        self.stopped_for = "output"
                        return
                elif kind == "writer":
                    self._write(payload)
                else:
                    yield kind, payload
            if self.wall_deadline is not None and time.monotonic() >= self.wall_deadline:
                self.stopped_for = "wall"
                return
            if self.cpu_limit_ns is not None and self.cpu0 is not None and cgroup.cpu_ns() - self.cpu0 > self.cpu_limit_ns:
                self.stopped_for = "cpu"
                return
            yield "tick", None

    def _write(self, fd):
        view = self.writers[fd]
        try:
            written = os.write(fd, view[:CHUNK])
            self.writers[fd] = view = view[written:]
        except (BrokenPipeError, BlockingIOError) as e:
            if isinstance(e, BlockingIOError):
                return
            view = b""
        if not view:
            self.unregister(fd)
            del self.writers[fd]

    def unregister(self, fd):
        try:
            self.selector.unregister(fd)
        except (KeyError, ValueError):
            pass
        try:
            os.close(fd)
        except OSError:
            pass

    def drain(self):
        """After the processes died: read what is left in the pipes (their writers are gone, so EOF comes)."""
        for sink in self.sinks:
            try:
                os.set_blocking(sink.fd, False)
                while not sink.over and sink.read():
                    pass
            except OSError:
                pass

    def close(self):
        for key in list(self.selector.get_map().values()):
            self.unregister(key.fd)
        self.selector.close()


def status_facts(status, usage):
    facts = {}
    if status is None:
        return facts
    if os.WIFSIGNALED(status):
        facts["signal"] = os.WTERMSIG(status)
    elif os.WIFEXITED(status):
        facts["exitCode"] = os.WEXITSTATUS(status)
    if usage is not None:
        facts["maxRssKb"] = usage.ru_maxrss
    return facts


def peak_rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def text(data, cap):
    return data[:cap].decode("utf-8", errors="replace")


def b64(data):
    return base64.b64encode(data).decode()


