# One submission inside the supervisor: its private directory, the one compilation, and its test runs (io processes,
# rpc calls into a function server, the Python judge). Reports raw facts; the verifier judges them.
import binascii  # not base64: it imports re
import builtins
import os
import stat
import struct
import sys

IO_SYNTAX_FD = 3  # the Python launcher's syntax report (python_launcher.py)
SERVER_SYNTAX_FD = 5  # a Python function server's syntax report (its calls use 3 and 4)


class Job(PythonChecks):
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
