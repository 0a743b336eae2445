# The sandbox supervisor: PID 1 of every sandbox container, started as `python3 -I -S -c <this file>`.
#
# It is the trusted half of the sandbox. The verifier drives it over the container's attached stdin/stdout with
# length-prefixed JSON frames; it runs the untrusted program as fresh child processes and reports raw facts (exit
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
# The parts are concatenated by the verifier in this order: tagged_codec, processes, judge, job, supervisor.
import json
import os
import select
import signal
import struct
import sys

PROTOCOL = 1
MAX_FRAME = 512 << 20


# ---------------------------------------------------------------- channel to the verifier

def read_exact(n):
    parts = []
    while n > 0:
        chunk = os.read(0, min(n, 1 << 20))
        if not chunk:
            os._exit(0)  # the verifier went away: nothing left to do
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def receive():
    # A verifier that died cannot remove its containers: after this long without a word, exit (the engine then
    # removes the container, which it was created to do on exit).
    idle = float(os.environ.get("VERIFIER_IDLE_EXIT_S", "3600"))
    if not select.select([0], [], [], idle)[0]:
        os._exit(0)
    (length,) = struct.unpack(">I", read_exact(4))
    if length > MAX_FRAME:
        fatal("frame of %d bytes" % length)
    return json.loads(read_exact(length))


def send(message):
    data = json.dumps(message, separators=(",", ":")).encode()
    write_all(1, struct.pack(">I", len(data)) + data)


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


def main():
    harden()
    send({"op": "ready", "protocol": PROTOCOL, "pid": os.getpid(), "python": sys.version.split()[0],
          "cpuacct": cgroup.cpu_fd is not None})
    job = None
    sequence = 0
    while True:
        message = receive()
        op = message.get("op")
        try:
            if op == "prepare":
                if job is not None:
                    job.finish()
                sequence += 1
                job = Job(message, sequence)
                reply = {"op": "prepared"}
                if message.get("compile"):
                    reply["compile"] = job.compile(message["compile"])
                send(reply)
            elif op == "run":
                send(dict(job.run(message), op="result"))
            elif op == "call":
                send(dict(job.call(message), op="result"))
            elif op == "check":
                send(dict(job.check(message), op="result"))
            elif op == "finish":
                if job is not None:
                    job.finish()
                    job = None
                problems = scrub() if message.get("scrub", True) else []
                send({"op": "finished", "clean": not problems, "problems": problems})
            elif op == "ping":
                send({"op": "pong", "pids": Cgroup.pids()})
            else:
                send({"op": "error", "reason": "unknown op %r" % op})
        except Exception as e:  # noqa: BLE001 - report, never die: the verifier decides what to do with the container
            send({"op": "error", "reason": "%s: %s" % (type(e).__name__, e)})


main()
