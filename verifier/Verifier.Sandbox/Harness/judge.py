# The judge of Python assert tests, concatenated into the supervisor and run in a helper forked from it (so it is
# non-dumpable too): the caller's check(candidate) runs here, outside the submission's process.
import builtins
import os
import struct
import sys
import time


def parser():
    """The ast module, imported on the first assert submission by the supervisor itself (before the judge's fork, so
    a reused container imports it once): most containers never judge asserts, and in strict mode every container's
    start pays for what the supervisor imports."""
    global ast
    import ast
    return ast


_image_modules_tried = [False]


def preload_image_modules(code):
    """numpy (with numpy.testing), imported once per container by the supervisor itself, before the watch of the
    first test whose code names it: HumanEval+'s and MBPP+'s checks import it for their float comparison, and each
    judge (a fresh fork) would otherwise import it again, ~150 ms of CPU under the candidate's CPU limit and ~15 MB of
    anonymous memory under its memory limit. Forked judges share the supervisor's copy, and what a test does to it
    (np.testing patched, print options, the random seed) stays in its own judge's fork. Imported from the read-only
    image with one BLAS thread, so the supervisor stays single-threaded (safe to fork). Returns whether this call
    imported it, so the job measures its memory baseline again: the import is the container's, not the program's. A
    failure (an image without numpy) leaves it to the judge, as before, and is not tried again."""
    if _image_modules_tried[0] or "numpy" not in code:
        return False
    _image_modules_tried[0] = True
    use_image_packages()
    try:
        import numpy  # noqa: F401
        import numpy.testing  # noqa: F401
    except Exception:  # noqa: BLE001 - the judge's own import then says what is wrong, under the candidate's limits
        return False
    return True


def judge(code, entry, req_fd, resp_fd, result_fd, limits, alone=False, called_fd=None):
    """Runs the caller's check(candidate) with `candidate` a proxy into the submission's process.

    Values cross as data only (tagged JSON, decoded into built-in types), so the submission cannot hand the check an
    object whose __eq__ lies; and the verdict is written by this process, which the submission cannot reach.
    `called_fd` gets this process's CPU time so far at the first call of the candidate (Watch.exempt_until_called),
    which also tells the supervisor that the checks called it at all. `alone`: no candidate runs, and the first call
    ends the checks with the outcome "reached" (see Job.checks_alone).
    """
    codec = TaggedCodec()
    buffer = [b""]

    def exchange(request):
        data = json.dumps(request).encode()
        try:
            write_all(req_fd, struct.pack(">I", len(data)) + data)
        except BrokenPipeError:
            raise CandidateGone() from None
        while True:
            if len(buffer[0]) >= 4:
                (length,) = struct.unpack(">I", buffer[0][:4])
                if length > limits["outputBytes"] + 64:
                    raise Untransferable("the candidate's answer is larger than the output limit")
                if len(buffer[0]) >= 4 + length:
                    frame, buffer[0] = buffer[0][4:4 + length], buffer[0][4 + length:]
                    try:
                        reply = json.loads(frame)
                    except (ValueError, RecursionError):
                        reply = None
                    if not isinstance(reply, dict):
                        raise Untransferable("the candidate's answer is not a JSON object")
                    return reply
            chunk = os.read(resp_fd, CHUNK)
            if not chunk:
                raise CandidateGone()
            buffer[0] += chunk

    calls = [0]

    def proxy(name):
        def call(*args, **kwargs):
            if alone:
                raise ReachedCandidate()
            calls[0] += 1
            if calls[0] == 1 and called_fd is not None:
                write_all(called_fd, struct.pack(">Q", time.process_time_ns()))  # the test's own CPU so far
            reply = exchange({"op": "call", "entry": name, "enc": "tagged",
                              "args": codec.encode(list(args)), "kwargs": codec.encode(kwargs)})
            if reply.get("ok"):
                if "value" not in reply:
                    raise Untransferable("an answer without a value")
                return codec.decode(reply["value"])
            if reply.get("kind") == "untransferable":
                raise Untransferable(reply.get("message", ""))
            raise candidate_exception(reply.get("type", "Exception"), reply.get("message", ""))
        call.__name__ = name
        return call

    def report(outcome, message=""):
        write_all(result_fd, json.dumps({"outcome": outcome, "message": message[:2000]}).encode())

    sys.set_int_max_str_digits(0)  # big integers are plain data (factorial(2000)); their cost is CPU under the watch
    use_image_packages()
    try:
        syntax = ast.parse(code, "test.py")
        tree = compile(syntax, "test.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        report("test_error", "the test code does not compile: %s" % e)
        return
    namespace = {"__name__": "__verifier_check__", "__builtins__": builtins}
    unresolved = bind_free_names(namespace, requested_names(syntax), entry, proxy)
    if unresolved:
        report("test_error", unresolved)
        return
    try:
        exec(tree, namespace)
        if defines_only_a_stub_of(syntax, entry):
            namespace[entry] = proxy(entry)
        check = namespace.get("check")
        if not callable(check):
            if calls[0] == 0:
                # Nothing checks the candidate: the test's own doing, the same for every candidate.
                report("test_error", "the test code defines no check(candidate) and never calls '%s'" % entry)
                return
            # MBPP's shape: asserts at module level that call the entry point by name, all of which held.
            report("passed")
            return
        check(proxy(entry))
    except ReachedCandidate:
        report("reached")
        return
    except CandidateGone:
        report("candidate_exit", "the candidate's process ended before the checks finished")
        return
    except Untransferable as e:
        report("untransferable", "the candidate returned a value that is not plain data: %s" % e)
        return
    except AssertionError as e:
        report("assertion", describe_failure(e))
        return
    except BaseException as e:  # noqa: B036 - every failure of the check is a verdict, never a crash
        if getattr(e, "_from_candidate", False):
            report("candidate_error", "%s: %s" % (type(e).__bases__[0].__name__, e))
        elif isinstance(e, ModuleNotFoundError) and isinstance(e.name, str) and missing_module(e.name):
            # The test's own import of a module the image lacks: the same for every candidate, so unknown, not 0.
            report("test_error", "the test code imports '%s', which the sandbox does not have" % e.name)
        else:
            report("check_error", describe_failure(e))
        return
    report("passed")


def use_image_packages():
    """The image's installed packages (numpy, which HumanEval+'s and MBPP+'s checks import) become importable here,
    after the standard library: the supervisor runs with -S, which leaves them off the path. They are in the
    read-only image, out of the submission's reach. The places site.getsitepackages() would name (Debian's and
    upstream's layouts), looked up directly: importing site costs each judge ~2 ms."""
    version = "python%d.%d" % sys.version_info[:2]
    for prefix in dict.fromkeys((sys.prefix, sys.exec_prefix)):
        for directory in (os.path.join(prefix, "local", "lib", version, "dist-packages"),
                          os.path.join(prefix, "lib", "python3", "dist-packages"),
                          os.path.join(prefix, "lib", version, "dist-packages"),
                          os.path.join(prefix, "lib", version, "site-packages")):
            if os.path.isdir(directory) and directory not in sys.path:
                sys.path.append(directory)
    os.environ["OPENBLAS_NUM_THREADS"] = "1"  # a BLAS must not start a thread per CPU inside the judge's limits


def describe_failure(e):
    line = None
    tb = e.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "test.py":
            line = tb.tb_lineno
        tb = tb.tb_next
    where = " (test line %d)" % line if line else ""
    detail = str(e)
    name = type(e).__name__
    return ("%s: %s%s" % (name, detail, where)) if detail else ("%s%s" % (name, where))


def requested_names(tree):
    """The names the test code reads but never binds, anywhere, and that are not builtins. A name the test binds in
    any scope (an assignment in a function, a loop or comprehension variable, a parameter, an import, `global`) is
    the test's own, and a builtin (`range`, `len`, `all`) is Python's."""
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            bound.update(node.names)
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bound.add(node.rest)
    return loaded - bound - set(dir(builtins)) - {"candidate", "check", "__builtins__"}


def defines_only_a_stub_of(tree, entry):
    """Whether the test code's only module-level binding of the entry point is a stub: a def whose body is nothing
    but a docstring, `pass` or `...`. That is HumanEval's prompt in front of its check (the problem's statement of the
    candidate's function), and a check that calls the function by name (HumanEval/33 compares `candidate(l)` with
    `sort_third(l)`) means the candidate's, not a stub that returns None. A definition with a body is the test's own
    reference and stays."""
    bindings = [node for node in tree.body if binds_at_module_level(node, entry)]
    if len(bindings) != 1 or not isinstance(bindings[0], (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    return all(isinstance(statement, ast.Pass)
               or (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
                   and (isinstance(statement.value.value, str) or statement.value.value is Ellipsis))
               for statement in bindings[0].body)


def binds_at_module_level(statement, name):
    """Whether a module-level statement may bind the name (a def, a class, an assignment or import anywhere in it:
    counting too many only keeps a stub from being recognised, which leaves the test as it was written)."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return statement.name == name
    for node in ast.walk(statement):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load) and node.id == name:
            return True
        if isinstance(node, ast.alias) and (node.asname or node.name).split(".")[0] == name:
            return True
    return False


def bind_free_names(namespace, free, entry, proxy):
    """Binds the names the test reads without defining them, none of them from the candidate's say-so: the entry
    point is the candidate (a proxy, as `candidate` is: MBPP's asserts call it by name), and a standard module
    (`math`, which HumanEval's checks take from the prompt's imports) is imported here by the judge itself. Any other
    name (HumanEval/32's `poly`, /38's `encode_cyclic`) is a helper of the problem: taken from the candidate, a
    `poly` that returns 0 would pass any answer, so it must come with the test code. Returns why the test cannot
    run, or None; decided from the test code alone, before the candidate is asked anything."""
    helpers = sorted(name for name in free if name != entry and name not in sys.stdlib_module_names)
    if helpers:
        return ("the test code uses %s but does not define %s: put the problem's helpers in the test code (for "
                "HumanEval, the prompt in front of the test); only the entry point '%s' comes from the submission"
                % (", ".join("'%s'" % name for name in helpers), "it" if len(helpers) == 1 else "them", entry))
    for name in free:
        if name == entry:
            namespace[name] = proxy(name)
            continue
        try:
            namespace[name] = __import__(name)
        except ImportError:
            # Null only where the module is not there at all: a failure to load one that is (an extension module's
            # dlopen under the memory pressure the candidate's process shares) goes on as the judge's death, a 0.
            if missing_module(name):
                return "the test code uses the module '%s' without importing it, and it is not installed" % name
            raise
    return None


def missing_module(name):
    import importlib.util
    return importlib.util.find_spec(name) is None


class JudgeStop(BaseException):
    """Ends the checks, whatever the test code catches. A check may tolerate exceptions from the candidate
    (`try: got = candidate(x) except Exception: continue`); the candidate's process ending or answering something
    that is not data must not pass for such an exception, so these are not Exceptions."""


class CandidateGone(JudgeStop):
    pass


class ReachedCandidate(JudgeStop):
    """The checks run alone got as far as their first call of the candidate."""


class Untransferable(JudgeStop):  # replaces the codec's own, in the judge only (the parts are concatenated)
    pass


_exception_types = {}


def candidate_exception(type_name, message):
    base = getattr(builtins, type_name, None) if isinstance(type_name, str) else None
    message = message if isinstance(message, str) else ""
    if not (isinstance(base, type) and issubclass(base, Exception)):
        base = Exception
    if issubclass(base, (StopIteration, StopAsyncIteration)):
        # The candidate's StopIteration would end the judge's own iteration early: all(map(candidate, cases)) would
        # be an empty, passing all(). A call that raised is an error of the candidate, never the end of a loop.
        base = RuntimeError
    if base not in _exception_types:
        _exception_types[base] = type(base.__name__, (base,), {"_from_candidate": True})
    try:
        return _exception_types[base](message)
    except Exception:  # noqa: BLE001 - exotic constructors (UnicodeError...) fall back to a plain Exception
        return _exception_types.setdefault(Exception, type("Exception", (Exception,), {"_from_candidate": True}))(message)
