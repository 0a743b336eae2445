# One submission inside the supervisor: its private directory, the one compilation, and its test runs (io processes,
# rpc calls into a function server, the Python judge). Reports raw facts; the verifier judges them.
import binascii  # not base64: it imports re
import builtins
import errno
import os
import stat
import struct
import sys

TMP_ROOTS = ("/tmp", "/dev/shm", "/dev/mqueue")
IO_SYNTAX_FD = 3  # the Python launcher's syntax report (python_launcher.py)
SERVER_SYNTAX_FD = 5  # a Python function server's syntax report (its calls use 3 and 4)


class Job:
    def __init__(self, message, sequence):
        self.workdir = "/tmp/job%d" % sequence
        self.files = decode_files(message["files"])
        self.fetch = message.get("fetch")
        self.run_files = {}
        remove_tree(self.workdir)  # never reuse what another submission could have left under this name
        self.restore_workdir()
        self.env = dict(message["env"])
        self.env.setdefault("HOME", self.workdir)
        self.env.setdefault("TMPDIR", self.workdir)
        self.runner = message["runner"]
        self.limits = message["limits"]
        self.server = None
        self.measure_baseline()

    def measure_baseline(self):
        """What the container holds with no program running (the supervisor, the job's files, a compiled binary):
        the programs' memory is measured above it."""
        self.memory_baseline = cgroup.memory_bytes() or 0

    def restore_workdir(self):
        """Makes the job's directory a private directory of ours again, with the job's files in it. The previous test
        ran as our uid and may have chmod'ed it to 000, removed it, or put a file or a symlink in its place; none of
        that may stop the next test from starting (a start that fails is an infra error, a null reward). Runs only
        when no process of the submission is alive, so nothing races with it; a symlink is removed, never followed."""
        try:
            st = os.lstat(self.workdir)
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISDIR(st.st_mode):
            remove_tree(self.workdir)
            st = None
        if st is None:
            os.mkdir(self.workdir, 0o700)
        else:
            os.chmod(self.workdir, 0o700)
        root = os.open(self.workdir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            for name, content in self.files.items():
                place_file(root, name, content, keep_regular=True)
            for name, content in self.run_files.items():
                # Always fresh: the previous run (of the same program, e.g. a checker) may have changed, swapped or linked it.
                place_file(root, name, content, keep_regular=False)
        finally:
            os.close(root)

    def start_program(self, fds, cpu_ms):
        """Starts the submission's program (an io run, or its function server). What the submission's earlier tests
        did to the job (its directory, memory held in /tmp) is the submission's doing: a start that fails because of
        it raises Unstartable, which the test reports as the program's failure, never as the supervisor's."""
        try:
            self.restore_workdir()
        except OSError as e:
            raise Unstartable("cannot restore the job's directory: %s" % e) from None
        if self.run_files:
            self.measure_baseline()  # the run's files are tmpfs memory, but ours, not the program's
        return spawn(self.runner["argv"], fds, self.env, self.workdir, self.test_limits(cpu_ms))

    @staticmethod
    def unstartable(e):
        """The facts of a program that could not start: exit code 127 with the reason on stderr."""
        return {"cpuMs": 0.0, "wallMs": 0.0, "oomKilled": False, "exitCode": 127, "stdout": "", "stdoutBytes": 0,
                "stderr": str(e)[:2000], "marker": "", "exited": True, "judge": None}

    def watch(self):
        limits = self.limits
        return Watch(limits["cpuMs"], limits["wallMs"], (self.memory_baseline, limits["memoryBytes"]))

    def test_limits(self, cpu_ms):
        return rlimits(self.limits, cpu_ms, self.limits["fileBytes"])

    # ------------------------------------------------ compile
    def compile(self, spec):
        if spec["kind"] == "python-syntax":
            return self.python_syntax(spec)
        watch = Watch(spec["cpuMs"], spec["wallMs"])
        out_r, out_w = os.pipe2(os.O_CLOEXEC)
        null = os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC)
        try:
            pid = spawn(spec["argv"], {0: null, 1: out_w, 2: out_w}, self.env, self.workdir,
                        rlimits(self.limits, spec["cpuMs"], self.limits["compileFileBytes"]))
        finally:
            os.close(out_w)
            os.close(null)
        sink = watch.add_sink(out_r, spec["outputBytes"])
        facts = self.wait_one(watch, pid)
        facts["output"] = text(sink.data(), spec["outputBytes"])
        self.measure_baseline()  # the binary the compiler left in the job's directory is tmpfs memory, but ours
        return facts

    def python_syntax(self, spec):
        """Compiles (never runs) the source in a forked helper, so that a pathological source cannot hurt PID 1."""
        path = os.path.join(self.workdir, spec["file"])
        out_r, out_w = os.pipe2(os.O_CLOEXEC)
        watch = Watch(spec["cpuMs"], spec["wallMs"])

        def body():
            with open(path, "rb") as f:
                source = f.read()
            sys.set_int_max_str_digits(0)  # a literal past 4,300 digits is valid Python; its cost is this helper's CPU
            try:
                builtins.compile(source, spec["file"], "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as e:
                detail = "%s: %s" % (type(e).__name__, e)
                os.write(1, detail.encode()[:4000])
                os._exit(1)

        pid = fork_trusted({1: out_w}, body, rlimits(self.limits, spec["cpuMs"], 0))
        os.close(out_w)
        sink = watch.add_sink(out_r, spec["outputBytes"])
        facts = self.wait_one(watch, pid)
        facts["output"] = text(sink.data(), spec["outputBytes"])
        return facts

    def wait_one(self, watch, pid):
        pidfd = watch.add_pid(pid, "main")
        exited = None
        try:
            for kind, _ in watch.events():
                if kind == "pid":
                    exited = reaper.wait(pid)
                    break
        finally:
            kill_all_but_me()
            if exited is None:
                exited = reaper.statuses.pop(pid, None)
            watch.drain()
            watch.check_memory_left()
            facts = self.facts(watch, exited)
            watch.unregister(pidfd)
            watch.close()
        return facts

    @staticmethod
    def facts(watch, exited):
        facts = {"cpuMs": round(watch.cpu_ms(), 3), "wallMs": round(watch.wall_ms(), 3), "oomKilled": watch.oom_killed()}
        if watch.stopped_for:
            facts["stoppedFor"] = watch.stopped_for
        if exited is not None:
            facts.update(status_facts(*exited))
        return facts

    # ------------------------------------------------ io (and marker-based assert) runs
    def run(self, message):
        limits = self.limits
        self.run_files = decode_files(message.get("files") or {})
        in_r, in_w = os.pipe2(os.O_CLOEXEC)
        out_r, out_w = os.pipe2(os.O_CLOEXEC)
        err_r, err_w = os.pipe2(os.O_CLOEXEC)
        fds = {0: in_r, 1: out_w, 2: err_w}
        ours = [in_r, out_w, err_w]
        marker_r = None
        syntax_r = self.syntax_report(fds, IO_SYNTAX_FD)
        if syntax_r is not None:
            ours.append(fds[IO_SYNTAX_FD])
        if message.get("marker") is not None:
            # fd 3 hands the harness a nonce it must echo on fd 4 after the tests pass; see cpp_assert_harness.c.
            nonce_r, nonce_w = os.pipe2(os.O_CLOEXEC)
            write_all(nonce_w, binascii.a2b_base64(message["marker"]))
            os.close(nonce_w)
            marker_r, marker_w = os.pipe2(os.O_CLOEXEC)
            fds[3] = nonce_r
            fds[4] = marker_w
            ours += [nonce_r, marker_w]
        watch = self.watch()
        try:
            pid = self.start_program(fds, limits["cpuMs"])
        except Unstartable as e:
            for fd in (in_w, out_r, err_r, marker_r, syntax_r):
                if fd is not None:
                    os.close(fd)
            watch.close()
            return self.unstartable(e)
        finally:
            for fd in ours:
                os.close(fd)
        watch.add_writer(in_w, binascii.a2b_base64(message.get("stdin", "")))
        stdout = watch.add_sink(out_r, limits["outputBytes"])
        stderr = watch.add_sink(err_r, limits["outputBytes"], keep=True)
        marker = watch.add_sink(marker_r, 256) if marker_r is not None else None
        facts = self.wait_one(watch, pid)
        self.take_syntax_error(syntax_r, facts)
        if syntax_r is not None:
            os.close(syntax_r)
        data = stdout.data()
        facts["stdout"] = b64(data)
        facts["stdoutBytes"] = stdout.total
        facts["stderr"] = text(stderr.data(), limits["stderrBytes"])
        if marker is not None:
            facts["marker"] = b64(marker.data())
        return facts

    # ------------------------------------------------ the rpc server (function calls, and the Python judge's candidate)
    def start_server(self):
        req_r, req_w = os.pipe2(os.O_CLOEXEC)
        resp_r, resp_w = os.pipe2(os.O_CLOEXEC)
        out_r, out_w = os.pipe2(os.O_CLOEXEC)
        null = os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC)
        fds = {0: null, 1: out_w, 2: out_w, 3: req_r, 4: resp_w}
        syntax_r = self.syntax_report(fds, SERVER_SYNTAX_FD)
        try:
            pid = self.start_program(fds, self.limits["serverCpuMs"])
        except Unstartable:
            for fd in (req_w, resp_r, out_r, syntax_r):
                if fd is not None:
                    os.close(fd)
            raise
        finally:
            for fd in (req_r, resp_w, out_w, null, fds.get(SERVER_SYNTAX_FD)):
                if fd is not None:
                    os.close(fd)
        self.server = {"pid": pid, "req": req_w, "resp": resp_r, "out": out_r, "buffer": b"", "syntax": syntax_r}

    def syntax_report(self, fds, target):
        """A program that compiles its own source first (runner.reportsSyntax: Python's launcher and function server)
        reports a syntax error on fd `target`, which it closes before any of the source runs. Returns our end."""
        if not self.runner.get("reportsSyntax"):
            return None
        read_end, fds[target] = os.pipe2(os.O_CLOEXEC)
        return read_end

    @staticmethod
    def take_syntax_error(fd, facts):
        """Adds what the program reported on its syntax pipe: one write of at most 4,000 bytes (atomic, below PIPE_BUF)
        before it exited or closed the pipe, so it is there to read once the run is over."""
        if fd is None:
            return
        os.set_blocking(fd, False)
        try:
            data = os.read(fd, 4096)
        except BlockingIOError:
            data = b""
        if data:
            facts["syntaxError"] = text(data, 4000)

    def stop_server(self):
        if self.server is not None:
            for fd in (self.server["req"], self.server["resp"], self.server["out"], self.server["syntax"]):
                if fd is None:
                    continue
                try:
                    os.close(fd)
                except OSError:
                    pass
            self.server = None
        kill_all_but_me()

    def call(self, message):
        limits = self.limits
        if self.server is None:
            try:
                self.start_server()
            except Unstartable as e:
                return self.unstartable(e)
        server = self.server
        watch = self.watch()
        request = json.dumps({"op": "call", "entry": message["entry"], "args": message["args"], "enc": "json"}).encode()
        # Written by the watch loop, never with a blocking write: a server that does not read a request larger than a
        # pipe's buffer would otherwise hold PID 1 outside every time limit (and the verifier would time out: null).
        watch.add_writer(os.dup(server["req"]), struct.pack(">I", len(request)) + request)
        output = watch.add_sink(os.dup(server["out"]), limits["outputBytes"], keep=False)
        watch.add_reader(server["resp"], "resp")
        pidfd = watch.add_pid(server["pid"], "server")
        response = None
        exited = None
        cap = limits["outputBytes"] + 64
        try:
            for kind, name in watch.events():
                if kind == "reader":
                    try:
                        chunk = os.read(server["resp"], CHUNK)
                    except BlockingIOError:
                        continue
                    if not chunk:
                        break
                    server["buffer"] += chunk
                    if len(server["buffer"]) > cap + 4:
                        watch.stopped_for = "output"
                        break
                    response = take_frame(server)
                    if response is not None:
                        break
                elif kind == "pid":
                    exited = reaper.wait(server["pid"])
                    break
        finally:
            try:
                watch.selector.unregister(server["resp"])
            except (KeyError, ValueError):
                pass
            if output.over:
                watch.stopped_for = "output"
            watch.check_memory_left()
            if response is None and exited is None and watch.stopped_for is None:
                exited = reaper.wait(server["pid"], timeout=0.5)
            facts = self.facts(watch, exited)
            rss = peak_rss_kb(server["pid"])
            if rss is not None:
                facts["maxRssKb"] = rss
            watch.unregister(pidfd)
            watch.close()
        if response is None:
            self.take_syntax_error(server["syntax"], facts)
        if response is None or watch.stopped_for is not None:
            self.stop_server()
            facts["exited"] = True
        else:
            facts["response"] = response
        return facts

    # ------------------------------------------------ the Python judge: check(candidate) out of the candidate's process
    def check(self, message):
        limits = self.limits
        req_r, req_w = os.pipe2(os.O_CLOEXEC)
        resp_r, resp_w = os.pipe2(os.O_CLOEXEC)
        out_r, out_w = os.pipe2(os.O_CLOEXEC)
        result_r, result_w = os.pipe2(os.O_CLOEXEC)
        called_r, called_w = os.pipe2(os.O_CLOEXEC)  # the judge's CPU so far, at the checks' first call of the candidate
        null = os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC)
        # What the supervisor imports for the judge is the container's cost, before the watch: charged to whichever
        # submission came first, it would make one item's limits depend on its batch-mates.
        parser()
        if preload_image_modules(message["code"]):
            self.measure_baseline()
        watch = self.watch()

        def body():
            judge(message["code"], message["entry"], 3, 4, 5, limits, called_fd=6)

        # The judge is forked before the candidate's server runs: a server that forks up to the pids limit must not
        # be able to make the judge's fork fail (an exception here would be an infra error, a null reward).
        judge_pid = fork_trusted({3: req_w, 4: resp_r, 5: result_w, 6: called_w}, body, self.test_limits(limits["cpuMs"]))
        for fd in (req_w, resp_r, result_w, called_w):
            os.close(fd)
        fds = {0: null, 1: out_w, 2: out_w, 3: req_r, 4: resp_w}
        syntax_r = self.syntax_report(fds, SERVER_SYNTAX_FD)
        try:
            server = self.start_program(fds, limits["cpuMs"])
        except Unstartable as e:
            kill_all_but_me()
            for fd in (out_r, result_r, called_r, syntax_r):
                if fd is not None:
                    os.close(fd)
            watch.close()
            return self.unstartable(e)
        finally:
            for fd in (req_r, resp_w, out_w, null, fds.get(SERVER_SYNTAX_FD)):
                if fd is not None:
                    os.close(fd)
        output = watch.add_sink(out_r, limits["outputBytes"], keep=False)
        result = watch.add_sink(result_r, 1 << 16)
        called = watch.exempt_until_called(judge_pid, called_r)
        server_fd = watch.add_pid(server, "server")
        judge_fd = watch.add_pid(judge_pid, "judge")
        server_exit = None
        try:
            for kind, name in watch.events():
                if kind == "pid" and name == "server":
                    server_exit = reaper.wait(server)  # the judge sees EOF and reports; keep waiting for it
                    watch.unregister(server_fd)
                elif kind == "pid" and name == "judge":
                    reaper.wait(judge_pid)
                    break
        finally:
            if output.over:
                watch.stopped_for = "output"
            # The server's peak memory from its reaped status, never from /proc while it runs: it exits on its own
            # once the judge is gone, and a server that had allocated past its limit between two ticks of the watch
            # and was a zombie by the time /proc was read had no peak at all, and passed.
            kill_all_but_me(keep=(server,))
            ended = server_exit or reaper.statuses.pop(server, None)
            watch.drain()
            watch.check_memory_left()
            facts = self.facts(watch, server_exit)
            if ended is not None and ended[1] is not None:
                facts["maxRssKb"] = ended[1].ru_maxrss
            watch.unregister(judge_fd)
            watch.close()
        try:
            facts["judge"] = json.loads(result.data()) if result.data() and watch.stopped_for is None else None
        except ValueError:
            facts["judge"] = None
        self.take_syntax_error(syntax_r, facts)
        if syntax_r is not None:
            os.close(syntax_r)
        outcome = facts["judge"]
        if isinstance(outcome, dict):
            if outcome.pop("calls", None) == 0 and outcome.get("outcome") in ("passed", "assertion", "check_error"):
                facts["judge"] = self.judged_alone(message, outcome)
        elif watch.stopped_for in ("cpu", "wall", "memory") and called.total == 0:
            # Stopped at a limit before the checks ever called the candidate: theirs if they do the same alone.
            alone = self.checks_alone(message)
            if alone is not None and alone.get("outcome") != "reached":
                facts["judge"] = self.broken_test(message, alone)
        return facts

    def judged_alone(self, message, outcome):
        """The checks ended without ever calling the candidate: a check that failed before its first call, or one that
        passed without any. Doing the same alone, the test is broken for every candidate: test_error, a null. Reaching
        a call alone, the candidate changed the checks' course: its 0 (a pass without a call becomes check_error).
        Anything else (the lone judge killed) keeps the candidate's 0, never a pass."""
        alone = self.checks_alone(message)
        if alone is None or alone.get("outcome") == "reached":
            return self.charged(outcome)
        return self.broken_test(message, alone)

    def checks_alone(self, message):
        """What the checks do with no candidate at all, up to their first call of it. The candidate ran beside them
        and may have changed their course (memory or CPU it took, files the test reads, a signal), so the judge runs
        once more alone, in a container scrubbed as between submissions (the job's own files put back; what the
        candidate wrote, and so any file it would fetch, is gone). Returns the lone judge's outcome ("reached" at the
        first call), {"outcome": "stopped"} at a limit, or None when that cannot be told."""
        if scrub():  # what the candidate left (a file the test reads, IPC objects) must not reach the lone run
            return None
        try:
            self.restore_workdir()
        except OSError:
            return None
        self.measure_baseline()
        result_r, result_w = os.pipe2(os.O_CLOEXEC)
        # No CPU limit: the judge's CPU before its first call is never the candidate's (Watch.exempt_until_called).
        watch = Watch(None, self.limits["wallMs"], (self.memory_baseline, self.limits["memoryBytes"]))

        def body():
            judge(message["code"], message["entry"], -1, -1, 5, self.limits, alone=True)

        judge_pid = fork_trusted({5: result_w}, body, self.test_limits(self.limits["cpuMs"]))
        os.close(result_w)
        result = watch.add_sink(result_r, 1 << 16)
        judge_fd = watch.add_pid(judge_pid, "judge")
        try:
            for kind, name in watch.events():
                if kind == "pid":
                    reaper.wait(judge_pid)
                    break
        finally:
            kill_all_but_me()
            watch.drain()
            watch.check_memory_left()
            watch.unregister(judge_fd)
            watch.close()
        if watch.stopped_for is not None:
            return {"outcome": "stopped", "message": watch.stopped_for}
        try:
            alone = json.loads(result.data()) if result.data() else None
        except ValueError:
            alone = None
        return alone if isinstance(alone, dict) else None

    @staticmethod
    def broken_test(message, alone):
        """test_error (a null) for checks that, run alone, never reach the candidate."""
        if alone.get("outcome") == "stopped":
            why = "the test code, run with no candidate, hits its %s limit before it calls the candidate" % alone["message"]
        elif alone.get("outcome") == "passed":
            why = "the check never calls the candidate (entry point '%s')" % message["entry"]
        else:
            why = "the test code fails before it calls the candidate, also with no candidate running: %s" % alone.get("message", "")
        return {"outcome": "test_error", "message": why}

    @staticmethod
    def charged(outcome):
        """The outcome as the candidate's 0; a pass without a call is never a pass."""
        if outcome["outcome"] != "passed":
            return outcome
        return {"outcome": "check_error", "message": "the checks ended without calling the candidate, which they do "
                "when run alone: the submission changed their course"}

    def finish(self):
        self.stop_server()

    def fetched(self):
        """The files the verifier asked back, read after every process of the submission is gone (so nothing changes
        under the walk). The directory is the submission's: it may hold symlinks (to /etc/passwd, to /proc/1/environ,
        which PID 1 could read where the submission cannot), FIFOs, sparse files of any size, or directories it locked.
        So every step is opened relative to a directory fd with O_NOFOLLOW (a symlink on the way or at the end is
        never followed), the leaf with O_NONBLOCK (a FIFO cannot block), only a regular file by fstat is read, and
        never more than what is left of the caps."""
        if not self.fetch:
            return None
        left = self.fetch["totalBytes"]
        out = []
        for path in self.fetch["paths"]:
            if not plain_relative(path):
                raise ValueError("bad fetch path %r" % path)
            try:
                entry = fetch_one(self.workdir, path, min(self.fetch["fileBytes"], left))
            except OSError:
                # Whatever else the submission made of its directory is its own affair, never the supervisor's failure.
                entry = {"status": "missing"}
            if entry.get("content") is not None:
                left -= len(entry["content"])
                entry["content"] = b64(entry["content"])
            elif entry["status"] == "truncated":
                entry["status"] = "over_limit"  # nothing at all was left to read
            out.append(dict(entry, path=path))
        return out


def plain_relative(path):
    """Relative, of plain segments only (the verifier checked more): nothing named by it can lie outside the job."""
    return bool(path) and not path.startswith("/") and not any(part in ("", ".", "..") or "\0" in part for part in path.split("/"))


def own_directories(root, directories):
    """An fd of root/directories..., each step a real directory of ours: whatever the submission put in a step's
    place (a file, a symlink to elsewhere, a directory it locked) is removed, never followed, and made anew."""
    fd = os.dup(root)
    for name in directories:
        try:
            step = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
        except OSError:
            remove_entry(fd, name)
            os.mkdir(name, 0o700, dir_fd=fd)
            step = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
        os.close(fd)
        fd = step
    return fd


def open_own_directory(dir_fd, name):
    """An fd of the directory `name` in dir_fd, or the status of what is there instead. A directory the submission
    locked (chmod 000) is ours to unlock; a symlink is reported, never followed. Nothing of the submission runs now, so
    what the lstat saw is what gets opened (O_NOFOLLOW makes sure of it anyway)."""
    try:
        st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except OSError:
        return "missing"
    if not stat.S_ISDIR(st.st_mode):
        return "not_regular"
    try:
        if st.st_mode & 0o700 != 0o700:
            os.chmod(name, 0o700, dir_fd=dir_fd)
        return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)
    except OSError as e:
        return "not_regular" if e.errno in (errno.ELOOP, errno.ENOTDIR) else "missing"


def fetch_one(workdir, path, budget):
    """{status, bytes?, content?} of one path under workdir, reading at most `budget` bytes of a regular file."""
    *directories, leaf = path.split("/")
    parent, name = os.path.split(workdir)
    fds = [os.open(parent, os.O_RDONLY | os.O_DIRECTORY)]
    try:
        for name in [name] + directories:
            step = open_own_directory(fds[-1], name)
            if not isinstance(step, int):
                return {"status": step}
            fds.append(step)
        try:
            st = os.stat(leaf, dir_fd=fds[-1], follow_symlinks=False)
        except OSError:
            return {"status": "missing"}
        if not stat.S_ISREG(st.st_mode):
            return {"status": "not_regular"}
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
        try:
            if not st.st_mode & stat.S_IRUSR:
                os.chmod(leaf, 0o600, dir_fd=fds[-1])  # ours, and a regular file by the lstat above: nothing runs to swap it
            fd = os.open(leaf, flags, dir_fd=fds[-1])
        except OSError as e:
            return {"status": "not_regular" if e.errno == errno.ELOOP else "missing"}
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return {"status": "not_regular"}
            chunks = []
            want = min(budget, st.st_size) + 1  # one byte past the cap says whether there was more
            while want > 0:
                chunk = os.read(fd, min(want, CHUNK))
                if not chunk:
                    break
                chunks.append(chunk)
                want -= len(chunk)
            data = b"".join(chunks)
        finally:
            os.close(fd)
        if len(data) > budget or st.st_size > budget:
            return {"status": "truncated", "bytes": st.st_size, "content": data[:budget] if budget > 0 else None}
        return {"status": "ok", "bytes": st.st_size, "content": data}
    finally:
        for fd in fds:
            os.close(fd)


def take_frame(server):
    buffer = server["buffer"]
    if len(buffer) < 4:
        return None
    (length,) = struct.unpack(">I", buffer[:4])
    if len(buffer) < 4 + length:
        return None
    server["buffer"] = buffer[4 + length:]
    return buffer[4:4 + length].decode("utf-8", errors="replace")


# ---------------------------------------------------------------- between submissions

def scrub():
    """Leaves the container as a fresh one: no process but this one, empty writable filesystems, no IPC objects."""
    problems = []
    if not kill_all_but_me():
        problems.append("processes survive SIGKILL")
    for root in TMP_ROOTS:
        try:
            root_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            for name in os.listdir(root_fd):
                remove_entry(root_fd, name)
            if os.listdir(root_fd):
                problems.append("%s is not empty" % root)
        finally:
            os.close(root_fd)
    remove_ipc()
    if any(sysv_ids(kind) for kind in ("shm", "sem", "msg")):
        problems.append("SysV IPC objects remain")
    if settings_of(0) != OWN_SETTINGS:
        # Every later program would inherit them (a batch-mate with a smaller stack, fewer files, a lower priority).
        problems.append("the supervisor's niceness, limits, affinity or priorities were changed")
    pids = Cgroup.pids()
    if pids is not None and pids > 1:
        problems.append("%d tasks in the container" % pids)
    return problems


def decode_files(files):
    """The job's or a run's files, name to bytes; a name must stay inside the job (the verifier checked more)."""
    decoded = {}
    for name, content in files.items():
        if not plain_relative(name):
            raise ValueError("bad file name %r" % name)
        decoded[name] = binascii.a2b_base64(content)
    return decoded


def place_file(root, name, content, keep_regular):
    """Writes root/name: its directories are made ours on the way (never followed), whatever stands at the name is
    removed first (kept when keep_regular and it is a regular file), and the file is created, never through a link."""
    *directories, leaf = name.split("/")
    parent = own_directories(root, directories)
    try:
        try:
            if keep_regular and stat.S_ISREG(os.stat(leaf, dir_fd=parent, follow_symlinks=False).st_mode):
                return
        except FileNotFoundError:
            pass
        remove_entry(parent, leaf)
        fd = os.open(leaf, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=parent)
        with os.fdopen(fd, "wb") as f:
            f.write(content)
    finally:
        os.close(parent)


def remove_tree(path):
    parent, name = os.path.split(path)
    parent_fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        remove_entry(parent_fd, name)
    finally:
        os.close(parent_fd)


def remove_entry(parent_fd, name):
    """Removes `name` in the directory parent_fd and everything under it, whatever the submission made: any depth
    (iterative, walking by directory fds and names, so neither the recursion limit nor PATH_MAX applies, and at
    most three fds are open), any width (each directory is listed once), directories it made unreadable or
    unwritable (it ran as our uid, so we can chmod them back), symlinks (removed, never followed). Runs only when
    no process of the submission is left, so nothing changes the tree under it. What cannot be removed stays, and
    the caller's emptiness check reports it."""
    try:
        if not stat.S_ISDIR(os.stat(name, dir_fd=parent_fd, follow_symlinks=False).st_mode):
            os.unlink(name, dir_fd=parent_fd)
            return
    except OSError:
        return
    fd = os.dup(parent_fd)  # the directory that holds the names of the deepest level
    levels = [[name]]  # per depth, the directories still to empty and remove; fd holds the last level's
    try:
        while levels:
            pending = levels[-1]
            if not pending:  # this level is gone: climb to the directory holding the one just emptied, remove it
                levels.pop()
                if levels:
                    up = os.open("..", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
                    os.close(fd)
                    fd = up
                    rmdir_quietly(levels[-1].pop(), fd)
                continue
            current = pending[-1]
            try:
                os.chmod(current, 0o700, dir_fd=fd)  # a directory (checked, and nothing can swap it now)
                child = os.open(current, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            except OSError:
                rmdir_quietly(pending.pop(), fd)
                continue
            subdirectories = []
            try:
                with os.scandir(child) as entries:
                    listed = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries]
            except OSError:
                listed = []
            for entry_name, is_dir in listed:
                if is_dir:
                    subdirectories.append(entry_name)
                else:
                    try:
                        os.unlink(entry_name, dir_fd=child)
                    except OSError:
                        pass
            if subdirectories:
                os.close(fd)
                fd = child
                levels.append(subdirectories)
            else:
                os.close(child)
                rmdir_quietly(pending.pop(), fd)
    finally:
        os.close(fd)


def rmdir_quietly(name, dir_fd):
    try:
        os.rmdir(name, dir_fd=dir_fd)
    except OSError:
        pass


def sysv_ids(kind):
    try:
        with open("/proc/sysvipc/%s" % kind) as f:
            lines = f.read().splitlines()[1:]
    except OSError:
        return []
    return [int(line.split()[1]) for line in lines if line.strip()]


def remove_ipc():
    ipc_rmid = 0
    for shmid in sysv_ids("shm"):
        libc.shmctl(shmid, ipc_rmid, None)
    for semid in sysv_ids("sem"):
        libc.semctl(semid, 0, ipc_rmid)
    for msqid in sysv_ids("msg"):
        libc.msgctl(msqid, ipc_rmid, None)


