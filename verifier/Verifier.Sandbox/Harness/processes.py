# Processes of the supervisor: the cgroup counters, fork/exec with an exact fd layout and limits, reaping (PID 1
# inherits every orphan), and killing everything but PID 1.
import ctypes
import fcntl
import os
import resource
import _signal as signal  # signal.py imports enum and functools: ~7 ms of every supervisor start
import time

# The container's own cgroup: cgroup v1 controllers (Docker 20.10 on this kind of host), else cgroup v2.
V1 = os.path.isdir("/sys/fs/cgroup/cpuacct")
CPU_FILE = "/sys/fs/cgroup/cpuacct/cpuacct.usage" if V1 else "/sys/fs/cgroup/cpu.stat"
OOM_FILE = "/sys/fs/cgroup/memory/memory.oom_control" if V1 else "/sys/fs/cgroup/memory.events"
MEMORY_STAT = "/sys/fs/cgroup/memory/memory.stat" if V1 else "/sys/fs/cgroup/memory.stat"
# Memory the programs hold: anonymous memory, plus shmem (tmpfs files in /tmp and /dev/shm, memfds, shared anonymous
# mappings), which is in neither the processes' RSS nor anon; only page cache, which the kernel can drop, is left out.
MEMORY_KEYS = (b"total_rss ", b"total_shmem ") if V1 else (b"anon ", b"shmem ")
PIDS_CURRENT = "/sys/fs/cgroup/pids/pids.current" if V1 else "/sys/fs/cgroup/pids.current"
SPAWN_ERROR_FD = 99
CHUNK = 65536

libc = ctypes.CDLL(None, use_errno=True)


def reserve_fds(targets):
    """Keeps the fd numbers a child may need above stderr taken by /dev/null in this process (before anything else of
    ours opens), so that none of our own fds lands there and a spawn can put the child's fds at their numbers
    (fork_exec keeps fds by number). A number already in use is left alone; spawns that need it fork instead."""
    reserved = set()
    for target in targets:
        try:
            os.fstat(target)
            continue
        except OSError:
            pass
        os.dup2(NULL_FD, target, inheritable=False)
        reserved.add(target)
    return reserved


def open_high(path, flags):
    """A file of ours at a high fd number (close-on-exec), clear of the numbers reserved below."""
    low = os.open(path, flags | os.O_CLOEXEC)
    try:
        return fcntl.fcntl(low, fcntl.F_DUPFD_CLOEXEC, 90)
    finally:
        os.close(low)


# /dev/null: the filler of reserved numbers, and the stdio of a child that is given none.
NULL_FD = open_high(os.devnull, os.O_RDWR)
OOM_SCORE_FD = open_high("/proc/self/oom_score_adj", os.O_RDWR)
OWN_OOM_SCORE = os.pread(OOM_SCORE_FD, 16, 0).strip() or b"0"
RESERVED_FDS = reserve_fds((3, 4, 5))


# ---------------------------------------------------------------- the container's view of its cgroup

class Cgroup:
    def __init__(self):
        self.cpu_fd = self._open(CPU_FILE)
        self.memory_fd = self._open(MEMORY_STAT)

    @staticmethod
    def _open(path):
        try:
            return os.open(path, os.O_RDONLY)
        except OSError:
            return None

    def cpu_ns(self):
        """CPU time of every process in the container, forked children included."""
        if self.cpu_fd is None:
            return proc_cpu_ns()
        if V1:
            return int(os.pread(self.cpu_fd, 64, 0))
        for line in os.pread(self.cpu_fd, 1024, 0).split(b"\n"):
            if line.startswith(b"usage_usec "):
                return int(line.split()[1]) * 1000
        return None

    def memory_bytes(self):
        """Memory every process of the container holds: anonymous memory and shmem (see MEMORY_KEYS)."""
        if self.memory_fd is None:
            return proc_memory_bytes()
        total, found = 0, False
        for line in os.pread(self.memory_fd, 16384, 0).split(b"\n"):
            if line.startswith(MEMORY_KEYS):
                total += int(line.split()[1])
                found = True
        return total if found else None

    @staticmethod
    def oom_kills():
        try:
            with open(OOM_FILE) as f:
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


# Without a cgroup to read (gVisor shows the container none: its kernel is not the host's), the same two counts come
# from /proc. They are the container's processes but PID 1, as the cgroup's would be less the supervisor itself.
CLOCK_TICK_NS = 1_000_000_000 // os.sysconf("SC_CLK_TCK")
TMPFS_MOUNTS = ("/tmp", "/dev/shm")


def other_pids():
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and p != "1"]


def proc_file(pid, name):
    """A /proc file of a process, or None once the process is gone."""
    try:
        with open("/proc/%d/%s" % (pid, name), "rb") as f:
            return f.read()
    except OSError:
        return None


def proc_cpu_ns():
    """CPU of every process but PID 1, live ones from /proc (their own and their reaped children's), plus what the
    processes PID 1 reaped used: PID 1 reaps every orphan, so a process's time moves from one sum to the other whole."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    ticks = 0
    for pid in other_pids():
        stat = proc_file(pid, "stat")
        if stat is None:
            continue  # gone since the listing: reaped into RUSAGE_CHILDREN, or about to be
        ticks += cpu_ticks(stat, children=True)
    return int((usage.ru_utime + usage.ru_stime) * 1e9) + ticks * CLOCK_TICK_NS


def cpu_ticks(stat, children=False):
    """A process's user and system CPU in clock ticks from its /proc/PID/stat (readable for a non-dumpable process
    too), with its reaped children's where asked. After the command name (which may hold spaces and parentheses):
    state, then utime is the 12th field, stime, cutime and cstime follow."""
    fields = stat[stat.rindex(b")") + 2:].split()
    return sum(int(field) for field in fields[11:15 if children else 13])


def proc_memory_bytes():
    """Anonymous memory of every process but PID 1, plus the files on the container's tmpfs mounts (memory too)."""
    total = 0
    for pid in other_pids():
        status = proc_file(pid, "status")
        if status is None:
            continue
        rss = None
        for line in status.split(b"\n"):
            if line.startswith(b"RssAnon:"):
                rss = int(line.split()[1])
                break
            if line.startswith(b"VmRSS:"):
                rss = int(line.split()[1])  # a kernel without RssAnon: resident memory, files included
        total += (rss or 0) * 1024
    for mount in TMPFS_MOUNTS:
        try:
            fs = os.statvfs(mount)
            total += (fs.f_blocks - fs.f_bfree) * fs.f_frsize
        except OSError:
            pass
    return total


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
    """Closes every fd but those in keep: close_range(2) over the gaps (os.closerange uses it), not a listing of
    /proc/self/fd, which costs a forked child milliseconds per test."""
    low = 0
    for fd in sorted(keep):
        if fd > low:
            os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, MAX_FD)


# No fd of this process reaches its open-files limit. A bound, not 2^31: where close_range(2) is missing (an old kernel,
# another runtime), CPython closes the span one fd at a time.
OPEN_FILES_SOFT_LIMIT = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
MAX_FD = 1 << 20 if OPEN_FILES_SOFT_LIMIT == resource.RLIM_INFINITY else OPEN_FILES_SOFT_LIMIT


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
        # CPU: the soft limit's SIGXCPU reads as time_limit; a hard limit equal to it would make the kernel send
        # SIGKILL instead, which reads as a crash. The hard limit a second later stops a program that ignores SIGXCPU.
        resource.setrlimit(limit, (value, value + 1 if limit == resource.RLIMIT_CPU else value))
    # os.open, not open(): a text file's first use sets up its codec, ~10 ms in every forked child (the parent never
    # opens one, so no child inherits it ready).
    try:
        fd = os.open("/proc/self/oom_score_adj", os.O_WRONLY | os.O_CLOEXEC)
        try:
            os.write(fd, str(oom_score).encode())
        finally:
            os.close(fd)
    except OSError:
        pass


class Unstartable(Exception):
    """A program that cannot start because of what the submission did (its directory, the memory or pids it held):
    reported as the program's failure (exit code 127), never as the supervisor's (an infra error, a null reward)."""


def spawn(argv, fds, env, cwd, limits):
    """Starts a program with exactly the given fds (target -> our fd), in a session of its own, under the limits.

    Raises Unstartable when the submission can be the cause (fork out of memory or pids, its directory, its own
    binary, exec out of memory), OSError otherwise (a system program missing: the image's fault)."""
    if fork_exec is None:
        return spawn_forked(argv, fds, env, cwd, limits)
    path = resolve(argv[0], env)
    high = sorted(t for t in fds if t > 2)
    if any(t not in RESERVED_FDS for t in high):  # a number we could not keep free
        return spawn_forked(argv, fds, env, cwd, limits)
    # CPython's own fork_exec: vfork, and the child's setup in C (the fd layout, close_range of the rest, setsid,
    # umask, the default SIGPIPE and SIGXFSZ), so no interpreter page is copied or touched. A fork of this process
    # with the setup in Python cost ~15 ms of a child's CPU per test. What fork_exec cannot set in the child (its
    # limits, its OOM score) is set around it: the soft limits through ours (inherited), the hard ones and the CPU
    # limit on the child right after (a CPU limit counts from the child's start, so setting it after its exec loses
    # nothing).
    saved = {limit: resource.getrlimit(limit) for limit, _ in limits if limit in INHERITED_LIMITS}
    for target in high:
        os.dup2(fds[target], target, inheritable=True)
    err_r, err_w = os.pipe2(os.O_CLOEXEC)
    try:
        for limit, value in limits:
            if limit in saved:
                hard = saved[limit][1]
                resource.setrlimit(limit, (value if hard == resource.RLIM_INFINITY else min(value, hard), hard))
        set_own_oom_score(b"1000")  # inherited by the child: the OOM killer takes the program, never this process
        try:
            pid = fork_exec(
                [os.fsencode(a) for a in argv], [os.fsencode(path)], True, tuple(high + [err_w]), cwd,
                [os.fsencode("%s=%s" % item) for item in env.items()],
                fds.get(0, NULL_FD), -1, -1, fds.get(1, NULL_FD), -1, fds.get(2, NULL_FD), err_r, err_w,
                True, True, -1, None, None, None, 0o077, None, True)
        except OSError as e:
            os.close(err_r)
            raise Unstartable("cannot start %s: fork: %s" % (argv[0], e)) from None
    finally:
        set_own_oom_score(OWN_OOM_SCORE)
        for limit, value in saved.items():
            resource.setrlimit(limit, value)
        for target in high:
            os.dup2(NULL_FD, target, inheritable=False)
        os.close(err_w)
    error = read_all(err_r)
    if error:
        reaper.wait(pid)
        # "OSError:<hex errno>:noexec" when the child failed before its exec (its cwd), without "noexec" at the exec.
        name, _, rest = error.decode(errors="replace").partition(":")
        hex_errno, _, where = rest.partition(":")
        code = int(hex_errno, 16) if hex_errno else 0
        raise start_failure(argv[0], path, "chdir" if where == "noexec" else "exec", code,
                            "%s: %s" % (name, os.strerror(code) if code else where))
    lock_limits(pid, limits)
    return pid


def lock_limits(pid, limits):
    """The child's hard limits (its soft ones came from ours) and its CPU limit. A child that already ended is past
    caring."""
    try:
        for limit, value in limits:
            resource.prlimit(pid, limit, (value, value + 1 if limit == resource.RLIMIT_CPU else value))
    except ProcessLookupError:
        pass


def set_own_oom_score(value):
    """Another process's OOM score is not ours to write (a non-dumpable child's /proc files are root's), so a child takes
    it from us: raised for the spawn, lowered back after (an unprivileged process may return to the score it started
    with)."""
    os.lseek(OOM_SCORE_FD, 0, os.SEEK_SET)
    os.write(OOM_SCORE_FD, value)


def read_all(fd):
    data = b""
    while True:
        chunk = os.read(fd, 1024)
        if not chunk:
            break
        data += chunk
    os.close(fd)
    return data


try:
    from _posixsubprocess import fork_exec
except ImportError:  # another Python: the forked spawn below
    fork_exec = None

# Limits a child takes from its parent's soft values at its start (the stack's size shapes its memory layout at exec,
# so it cannot wait), locked by prlimit right after. The CPU limit is never lowered here: it counts this process's
# own CPU, which a long-lived supervisor has spent.
INHERITED_LIMITS = (resource.RLIMIT_FSIZE, resource.RLIMIT_NOFILE, resource.RLIMIT_STACK, resource.RLIMIT_CORE)


def spawn_forked(argv, fds, env, cwd, limits):
    """The fallback: fork + exec with exactly the given fds (target -> our fd). Exec errors come back through a CLOEXEC pipe.

    Raises Unstartable when the submission can be the cause (fork out of memory or pids, its directory, its own
    binary, exec out of memory), OSError otherwise (a system program missing: the image's fault)."""
    path = resolve(argv[0], env)
    err_r, err_w = os.pipe2(os.O_CLOEXEC)
    try:
        pid = os.fork()
    except OSError as e:
        os.close(err_r)
        os.close(err_w)
        raise Unstartable("cannot start %s: fork: %s" % (argv[0], e)) from None
    if pid == 0:
        stage = "setup"
        try:
            fds = dict(fds)
            fds[SPAWN_ERROR_FD] = err_w
            child_setup(fds, limits, 1000)
            os.set_inheritable(SPAWN_ERROR_FD, False)  # closed by a successful exec: EOF tells the parent it worked
            stage = "chdir"
            os.chdir(cwd)
            os.umask(0o077)
            stage = "exec"
            os.execve(path, argv, env)
        except BaseException as e:  # noqa: B036 - anything must end this child
            try:
                code = getattr(e, "errno", None) or 0
                os.write(SPAWN_ERROR_FD, ("%s %d %s: %s" % (stage, code, type(e).__name__, e)).encode()[:500])
            finally:
                os._exit(127)
    os.close(err_w)
    error = read_all(err_r)
    if error:
        reaper.wait(pid)
        stage, code, detail = (error.decode(errors="replace").split(" ", 2) + ["", ""])[:3]
        raise start_failure(argv[0], path, stage, int(code) if code.isdigit() else 0, detail)
    return pid


def start_failure(program, path, stage, code, detail):
    """What a failed start is: the submission's (Unstartable) when it can be the cause (its directory, its own binary,
    exec out of memory or pids, a binary still open for writing), else the image's (OSError)."""
    reason = "cannot start %s: %s" % (program, detail)
    own_binary = not os.path.isabs(path)
    if stage == "chdir" or (stage == "exec" and (own_binary or code in (12, 11, 26))):  # ENOMEM EAGAIN ETXTBSY
        return Unstartable(reason)
    return OSError(reason)


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


def kill_all_but_me(keep=()):
    """SIGKILL every other process of the container (they all share our uid; PID 1 is never hit) and reap them. The
    statuses of the pids in `keep` stay in reaper.statuses: their rusage holds a killed program's peak memory."""
    for attempt in range(200):
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        reaper.reap()
        others = [p for p in os.listdir("/proc") if p.isdigit() and p != "1"]
        if not others:
            kept = {pid: reaper.statuses[pid] for pid in keep if pid in reaper.statuses}
            reaper.statuses.clear()
            reaper.statuses.update(kept)
            return True
        time.sleep(min(0.0005 * (attempt + 1), 0.01))
    return False


# ---------------------------------------------------------------- settings another process of our uid can change

# Every limit this Python knows; a same-uid process may lower any of them on us with prlimit(2), no ptrace needed.
ALL_LIMITS = tuple(getattr(resource, name) for name in sorted(dir(resource)) if name.startswith("RLIMIT_"))
# ioprio_get(2) has no wrapper in Python; its number per architecture (x86_64, aarch64).
IOPRIO_GET = {"x86_64": 252, "aarch64": 31}.get(os.uname().machine)


def settings_of(pid):
    """What a process of the same uid can change on another one without ptrace access (which non-dumpable processes
    refuse), and which children inherit: niceness, resource limits, CPU affinity, scheduling policy, I/O priority.
    An unprivileged process can lower them but never restore them, so a change means the process is spoilt."""
    io = libc.syscall(IOPRIO_GET, 1, pid) if IOPRIO_GET is not None else None  # IOPRIO_WHO_PROCESS
    return (os.getpriority(os.PRIO_PROCESS, pid), tuple(resource.prlimit(pid, r) for r in ALL_LIMITS),
            frozenset(os.sched_getaffinity(pid)), os.sched_getscheduler(pid), os.sched_getparam(pid).sched_priority,
            io)


def rlimits(limits, cpu_ms, file_bytes):
    cpu_s = max(1, -(-int(cpu_ms) // 1000) + 1)  # a backstop: the watch loop enforces the precise limit
    return [
        (resource.RLIMIT_CPU, cpu_s),
        (resource.RLIMIT_FSIZE, int(file_bytes)),
        (resource.RLIMIT_NOFILE, int(limits["openFiles"])),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_STACK, int(limits["stackBytes"])),
    ]
