# The Python judge's side of a job: check(candidate) runs in a helper forked from the supervisor, out of the candidate's
# process, and checks that never call the candidate are run again alone before anyone is charged. A part of Job.
import os


class PythonChecks:
    """Job's Python assert tests (needs Job's limits, watch, workdir and program start)."""

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
                    watch.end_exemption()
                    reaper.wait(judge_pid)
                    break
        finally:
            watch.end_exemption()  # whatever ended the run: nothing is read from the judge's pid after it
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
        # The checks never called the candidate: they failed before their first call, passed without one, or were
        # stopped at a limit before it.
        if called.total == 0 and (outcome.get("outcome") in ("passed", "assertion", "check_error")
                                  if isinstance(outcome, dict) else watch.stopped_for in ("cpu", "wall", "memory")):
            facts["judge"] = self.judged_alone(message, outcome)
        return facts

    def judged_alone(self, message, outcome):
        """Checks that never called the candidate, judged by what they do alone. Doing the same alone, the test is
        broken for every candidate: test_error, a null. Reaching a call alone, the candidate changed the checks'
        course: its 0 (a pass without a call becomes check_error; a limit's verdict stands). Anything else (the lone
        judge killed) keeps the candidate's 0, never a pass."""
        alone = self.checks_alone(message)
        if alone is not None and alone.get("outcome") != "reached":
            return self.broken_test(message, alone)
        return self.charged(outcome)

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
        """The outcome as the candidate's 0 (None: the limit's verdict); a pass without a call is never a pass."""
        if outcome is None or outcome["outcome"] != "passed":
            return outcome
        return {"outcome": "check_error", "message": "the checks ended without calling the candidate, which they do "
                "when run alone: the submission changed their course"}
