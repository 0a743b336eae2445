# The judge of Python assert tests, concatenated into the supervisor and run in a helper forked from it (so it is
# non-dumpable too): the caller's check(candidate) runs here, outside the submission's process.
import ast
import builtins
import json
import os
import struct


def judge(code, entry, req_fd, resp_fd, result_fd, limits):
    """Runs the caller's check(candidate) with `candidate` a proxy into the submission's process.

    Values cross as data only (tagged JSON, decoded into built-in types), so the submission cannot hand the check an
    object whose __eq__ lies; and the verdict is written by this process, which the submission cannot reach.
    """
    codec = TaggedCodec()
    buffer = [b""]

    def exchange(request):
        data = json.dumps(request, separators=(",", ":")).encode()
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
                    return json.loads(frame)
            chunk = os.read(resp_fd, CHUNK)
            if not chunk:
                raise CandidateGone()
            buffer[0] += chunk

    def proxy(name):
        def call(*args, **kwargs):
            reply = exchange({"op": "call", "entry": name, "enc": "tagged",
                              "args": codec.encode(list(args)), "kwargs": codec.encode(kwargs)})
            if reply.get("ok"):
                return codec.decode(reply["value"])
            if reply.get("kind") == "untransferable":
                raise Untransferable(reply.get("message", ""))
            raise candidate_exception(reply.get("type", "Exception"), reply.get("message", ""))
        call.__name__ = name
        return call

    def report(outcome, message=""):
        write_all(result_fd, json.dumps({"outcome": outcome, "message": message[:2000]}).encode())

    try:
        tree = compile(code, "test.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        report("check_error", "the test code does not compile: %s" % e)
        return
    namespace = {"__name__": "__verifier_check__", "__builtins__": builtins}
    try:
        wanted = sorted(free_names(code) - set(dir(builtins)))
        if wanted:
            reply = exchange({"op": "globals", "names": wanted})
            for name, info in reply.get("globals", {}).items():
                kind = info.get("kind")
                if kind == "callable":
                    namespace[name] = proxy(name)
                elif kind == "module":
                    try:
                        namespace[name] = __import__(info["module"])
                    except ImportError:
                        pass
                elif kind == "value":
                    try:
                        namespace[name] = codec.decode(info["value"])
                    except Untransferable:
                        pass
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


def free_names(code):
    import ast
    names = set()
    bound = set()
    tree = ast.parse(code)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            names.add(node.id)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    bound.add(target.id)
    return names - bound - {"candidate", "check"}


class CandidateGone(Exception):
    pass


class Untransferable(Exception):
    pass


_exception_types = {}


def candidate_exception(type_name, message):
    base = getattr(builtins, type_name, None)
    if not (isinstance(base, type) and issubclass(base, Exception)):
        base = Exception
    if base not in _exception_types:
        _exception_types[base] = type(base.__name__, (base,), {"_from_candidate": True})
    try:
        return _exception_types[base](message)
    except Exception:  # noqa: BLE001 - exotic constructors (UnicodeError...) fall back to a plain Exception
        return _exception_types.setdefault(Exception, type("Exception", (Exception,), {"_from_candidate": True}))(message)
