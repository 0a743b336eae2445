# The judge of Python assert tests, concatenated into the supervisor and run in a helper forked from it (so it is
# non-dumpable too): the caller's check(candidate) runs here, outside the submission's process.
import builtins
import os
import struct
import sys


def parser():
    """The ast module, imported on the first assert submission by the supervisor itself (before the judge's fork, so
    a reused container imports it once): most containers never judge asserts, and in strict mode every container's
    start pays for what the supervisor imports."""
    global ast
    import ast
    return ast


def judge(code, entry, req_fd, resp_fd, result_fd, limits):
    """Runs the caller's check(candidate) with `candidate` a proxy into the submission's process.

    Values cross as data only (tagged JSON, decoded into built-in types), so the submission cannot hand the check an
    object whose __eq__ lies; and the verdict is written by this process, which the submission cannot reach.
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

    def proxy(name):
        def call(*args, **kwargs):
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
    try:
        syntax = ast.parse(code, "test.py")
        tree = compile(syntax, "test.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        report("check_error", "the test code does not compile: %s" % e)
        return
    namespace = {"__name__": "__verifier_check__", "__builtins__": builtins}
    try:
        wanted = requested_names(syntax)
        if wanted:
            reply = exchange({"op": "globals", "names": sorted(wanted)})
            install_globals(namespace, wanted, reply, proxy, codec)
        exec(tree, namespace)
        check = namespace.get("check")
        if not callable(check):
            report("check_error", "the test code defines no check(candidate)")
            return
        check(proxy(entry))
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
        else:
            report("check_error", describe_failure(e))
        return
    report("passed")


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
    """The names the test code reads but never binds, anywhere, and that are not builtins: the only names the
    candidate may supply (HumanEval's `poly`, `math`). A name the test binds in any scope (an assignment in a
    function, a loop or comprehension variable, a parameter, an import, `global`) is the test's own, and a builtin
    (`range`, `len`, `all`) is Python's: a candidate that defines either must not change what the test means."""
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


def install_globals(namespace, wanted, reply, proxy, codec):
    """Installs the candidate's answer for the names the judge asked for, and only those: the reply is the
    candidate's (it controls its function server and fd 4), so any other name in it is ignored. A module is accepted
    only as itself (`math` is the standard module math); a value is decoded into built-in types only."""
    found = reply.get("globals") if isinstance(reply, dict) else None
    if not isinstance(found, dict):
        return
    for name in wanted:
        info = found.get(name)
        if not isinstance(info, dict):
            continue
        kind = info.get("kind")
        if kind == "callable":
            namespace[name] = proxy(name)
        elif kind == "module":
            if info.get("module") == name and name in sys.stdlib_module_names:
                try:
                    namespace[name] = __import__(name)
                except ImportError:
                    pass
        elif kind == "value":
            try:
                namespace[name] = codec.decode(info.get("value"))
            except Untransferable:
                pass


class JudgeStop(BaseException):
    """Ends the checks, whatever the test code catches. A check may tolerate exceptions from the candidate
    (`try: got = candidate(x) except Exception: continue`); the candidate's process ending or answering something
    that is not data must not pass for such an exception, so these are not Exceptions."""


class CandidateGone(JudgeStop):
    pass


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
