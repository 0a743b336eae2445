# The sandbox supervisor: PID 1 of every sandbox container, started as `python3 -I -S -c <this file>`.
#
# It is the trusted half of the sandbox. The verifier drives it with length-prefixed JSON frames over a Unix socket
# it connects to at start (VERIFIER_CHANNEL, in a read-only directory mounted for this container alone; the verifier
# stops listening once it is connected), or else over the container's attached stdin/stdout; it runs the untrusted program as fresh child processes and reports raw facts (exit
# status, CPU, wall time, peak memory, stdout). It never judges outputs: expected outputs never enter the container.
#
# Why the untrusted code cannot forge or tamper with what this process reports, although it runs as the same uid
# (all capabilities are dropped, so nothing in the container can switch uid):
# - PID 1 of a PID namespace only receives signals it has a handler for; this process installs none, so the
#   submission cannot kill or stop it.
# - It marks itself non-dumpable, so the submission cannot ptrace it or open /proc/1/{mem,fd,environ}: it cannot
#   read the job, or write into the channel to the verifier.
# - Children get only the pipes meant for them; the channel to the verifier is never inherited.
# After each test every process but this one is killed (kill(-1) as the shared uid); after each submission the
# writable filesystems and SysV/POSIX IPC are wiped and the emptiness verified, else the container is discarded.
# The parts are concatenated by the verifier in this order: tagged_codec, processes, watch, judge, job, supervisor.
import os
import select
import _signal as signal  # signal.py imports enum and functools: ~7 ms of every supervisor start
import _socket as socket  # socket.py imports enum, selectors and more
import struct
import sys

PROTOCOL = 1
MAX_FRAME = 512 << 20
OWN_SETTINGS = None  # settings_of(0) once hardened: a submission that changes them spoils the container


# ---------------------------------------------------------------- channel to the verifier

def open_channel():
    """The socket's fd (read and write), or stdin and stdout. Sockets are created non-inheritable, so no child of
    ours ever holds the channel."""
    path = os.environ.get("VERIFIER_CHANNEL")
    if not path:
        return 0, 1
    channel = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    channel.connect(path)
    fd = channel.detach()
    return fd, fd


CHANNEL_IN, CHANNEL_OUT = open_channel()


def read_exact(n):
    parts = []
    while n > 0:
        chunk = os.read(CHANNEL_IN, min(n, 1 << 20))
        if not chunk:
            os._exit(0)  # the verifier went away: nothing left to do
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def receive():
    # A verifier that died cannot remove its containers: after this long without a word, exit (the engine then
    # removes the container, which it was created to do on exit).
    idle = float(os.environ.get("VERIFIER_IDLE_EXIT_S", "3600"))
    if not select.select([CHANNEL_IN], [], [], idle)[0]:
        os._exit(0)
    (length,) = struct.unpack(">I", read_exact(4))
    if length > MAX_FRAME:
        fatal("frame of %d bytes" % length)
    return json.loads(read_exact(length))


def send(message):
    # Text that came from the submission (the judge's messages) may hold lone surrogates, which the verifier's JSON
    # reader refuses (a malformed frame: an infra error); encoding replaces them instead.
    data = json.dumps(message, ensure_ascii=False).encode("utf-8", "replace")
    write_all(CHANNEL_OUT, struct.pack(">I", len(data)) + data)


def write_all(fd, data):
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fatal(reason):
    try:
        send({"op": "fatal", "reason": reason})
    finally:
        os._exit(3)


# ---------------------------------------------------------------- main loop

def harden():
    libc.prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0: no ptrace, no /proc/1/{mem,fd,environ} for anyone
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(sig, signal.SIG_DFL)  # no handlers: PID 1 then ignores every signal sent from inside
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    os.chdir("/")


class Session:
    """The submission in progress. One exchange may carry several steps (prepare, the first test, and, after the
    last test, the finish), so that a one-test submission costs a single round trip."""

    def __init__(self):
        self.job = None
        self.sequence = 0

    def prepare(self, message):
        if self.job is not None:
            self.job.finish()
        self.sequence += 1
        self.job = Job(message, self.sequence)
        reply = {"op": "prepared"}
        compiled = True
        if self.syntax_checked_by_run(message):
            return self.maybe_finish(message, self.run_checking_syntax(message, reply))
        if message.get("compile"):
            facts = reply["compile"] = self.job.compile(message["compile"])
            compiled = facts.get("exitCode") == 0 and not facts.get("stoppedFor") and not facts.get("oomKilled")
        if compiled and message.get("test"):
            reply["result"] = dict(self.test(message["test"]), op="result")
        return self.maybe_finish(message, reply)

    def syntax_checked_by_run(self, message):
        """A Python syntax check prepared with a first run whose program reports its own syntax errors (the launcher):
        the run is the check, and no helper process is started for it."""
        spec, test = message.get("compile"), message.get("test")
        return (spec is not None and spec["kind"] == "python-syntax" and self.job.runner.get("reportsSyntax")
                and test is not None and test.get("op") in ("run", "call", "check"))

    def run_checking_syntax(self, message, reply):
        result = self.test(message["test"])
        error = result.pop("syntaxError", None)
        if error is None:
            reply["compile"] = {"exitCode": 0, "output": "", "cpuMs": 0.0, "wallMs": 0.0, "oomKilled": False}
            reply["result"] = dict(result, op="result")
        else:
            reply["compile"] = {"exitCode": 1, "output": error, "cpuMs": result["cpuMs"], "wallMs": result["wallMs"],
                                "oomKilled": False}
        return reply

    def test(self, message):
        op = message.get("op")
        if op == "run":
            return self.job.run(message)
        if op == "call":
            return self.job.call(message)
        if op == "check":
            return self.job.check(message)
        raise ValueError("unknown test op %r" % op)

    def maybe_finish(self, message, reply):
        if message.get("finish") is not None:
            reply["finished"] = self.finish(message["finish"])
        return reply

    def finish(self, message):
        fetched = None
        if self.job is not None:
            self.job.finish()
            fetched = self.job.fetched()  # after every process is gone, before the scrub wipes the files
            self.job = None
        problems = scrub() if message.get("scrub", True) else []
        reply = {"op": "finished", "clean": not problems, "problems": problems}
        if fetched is not None:
            reply["fetched"] = fetched
        return reply


def main():
    harden()
    # Test data may hold big integers (an argument of 5,736 digits): the verifier's frames must parse. Nothing the
    # submission sends is parsed here (its answers pass through as text), so no conversion cost of its making lands here.
    sys.set_int_max_str_digits(0)
    global OWN_SETTINGS
    OWN_SETTINGS = settings_of(0)
    send({"op": "ready", "protocol": PROTOCOL, "pid": os.getpid(), "python": sys.version.split()[0],
          "cpuacct": cgroup.cpu_fd is not None})
    session = Session()
    while True:
        message = receive()
        op = message.get("op")
        try:
            if op == "prepare":
                send(session.prepare(message))
            elif op in ("run", "call", "check"):
                send(session.maybe_finish(message, dict(session.test(message), op="result")))
            elif op == "finish":
                send(session.finish(message))
            elif op == "ping":
                send({"op": "pong", "pids": Cgroup.pids()})
            else:
                send({"op": "error", "reason": "unknown op %r" % op})
        except Exception as e:  # noqa: BLE001 - report, never die: the verifier decides what to do with the container
            send({"op": "error", "reason": "%s: %s" % (type(e).__name__, e)})


try:
    main()
except Exception:  # noqa: BLE001 - on the socket channel no stderr reaches the verifier: the traceback goes as a frame
    import traceback
    fatal("the supervisor crashed: %s" % traceback.format_exc()[-2000:])
