# Watching a run: a selector loop over the run's pipes and pidfds that enforces the CPU (whole container), wall,
# memory (the programs' anonymous and shmem memory) and output limits, and reads every pipe with a cap, never unbounded.
import binascii  # not base64: it imports re
import errno
import os
import selectors
import struct
import time


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

    def __init__(self, cpu_ms, wall_ms, memory=None):
        """memory: (baseline bytes, limit bytes): the programs' memory (anonymous and shmem: tmpfs files, memfds)
        above the supervisor's own (which includes the job's files) may not pass the limit. The container's cgroup limit is higher when it also had to fit a compiler: this watch
        stops a memory bomb at the program's limit, in one tick, instead of the OOM killer at the container's."""
        self.selector = selectors.DefaultSelector()
        self.start = time.monotonic()
        self.cpu0 = cgroup.cpu_ns()
        self.oom0 = Cgroup.oom_kills()
        self.cpu_limit_ns = None if cpu_ms is None else int(cpu_ms * 1e6) + 20_000_000
        self.memory = memory
        self.wall_deadline = None if wall_ms is None else self.start + wall_ms / 1000.0
        self.stopped_for = None
        self.sinks = []
        self.writers = {}
        self.polled = {}
        self.exempt_pid = None
        self.exempt_sink = None
        self.exempt_ns = 0
        self.exempt_final = False

    def exempt_until_called(self, pid, fd):
        """The judge's CPU up to its first call of the candidate is the test's own (parsing it, building its inputs),
        not the candidate's: taken off the CPU this watch counts. Read from /proc while the judge prepares (clock
        ticks: a stop must not come early), then exactly from the 8 bytes the judge sends at its first call (its own
        CPU time, in ns). Returns the sink of those bytes: empty, the checks never called the candidate."""
        self.exempt_pid = pid
        self.exempt_sink = self.add_sink(fd, 8)
        return self.exempt_sink

    def end_exemption(self):
        """The judge ended: a last read while it is a zombie, then no more, since its pid may become anyone's."""
        self._update_exemption()
        self.exempt_final = True

    def _update_exemption(self):
        if self.exempt_sink is None or self.exempt_final:
            return
        if self.exempt_sink.size >= 8:
            (self.exempt_ns,) = struct.unpack(">Q", self.exempt_sink.data()[:8])
            self.exempt_final = True
            return
        stat = proc_file(self.exempt_pid, "stat")
        if stat is not None:
            self.exempt_ns = cpu_ticks(stat) * CLOCK_TICK_NS

    def used_cpu_ns(self, now):
        self._update_exemption()
        return now - self.cpu0 - self.exempt_ns

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
        """The process's exit as a "pid" event: through a pidfd, or (a kernel without pidfd_open, as gVisor's) by
        reaping on every tick; then None comes back instead of the fd."""
        try:
            fd = os.pidfd_open(pid)
        except OSError as e:
            if e.errno != errno.ENOSYS:
                raise
            self.polled[pid] = name
            return None
        self.selector.register(fd, selectors.EVENT_READ, ("pid", name))
        return fd

    def add_reader(self, fd, name):
        os.set_blocking(fd, False)
        self.selector.register(fd, selectors.EVENT_READ, ("reader", name))

    def cpu_ms(self):
        now = cgroup.cpu_ns()
        return 0.0 if now is None or self.cpu0 is None else max(0, self.used_cpu_ns(now)) / 1e6

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
            for event in self._polled_exits():
                yield event
            if self.wall_deadline is not None and time.monotonic() >= self.wall_deadline:
                self.stopped_for = "wall"
                return
            if self.cpu_limit_ns is not None and self.cpu0 is not None and self.used_cpu_ns(cgroup.cpu_ns()) > self.cpu_limit_ns:
                self.stopped_for = "cpu"
                return
            if self.over_memory():
                self.stopped_for = "memory"
                return
            yield "tick", None

    def _polled_exits(self):
        if not self.polled:
            return []
        reaper.reap()
        exited = [pid for pid in self.polled if pid in reaper.statuses]
        return [("pid", self.polled.pop(pid)) for pid in exited]

    def over_memory(self):
        if self.memory is None:
            return False
        held = cgroup.memory_bytes()
        return held is not None and held - self.memory[0] > self.memory[1]

    def check_memory_left(self):
        """After the run: files a program left in /tmp or /dev/shm are memory it still holds, and a program that
        wrote them and exited between two ticks must not escape the limit."""
        if self.stopped_for is None and self.over_memory():
            self.stopped_for = "memory"

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
        if fd is None:
            return  # a polled process (add_pid): nothing registered
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
    return binascii.b2a_base64(data, newline=False).decode()


