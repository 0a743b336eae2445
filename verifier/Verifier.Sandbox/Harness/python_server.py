# The submission's side of function calls: loads solution.py and answers calls on fd 3 (requests) / fd 4 (answers).
# It runs inside the submission's own process, so nothing here is trusted: whatever it says is only data that the
# judge (the verifier for `function` tests, the supervisor's judge for `assert` tests) compares with what it expects.
# The tagged codec is concatenated in front of this file.
import os
import struct
import sys
import types

REQUESTS, ANSWERS, SYNTAX = 3, 4, 5


def read_exact(n):
    parts = []
    while n > 0:
        chunk = os.read(REQUESTS, min(n, 1 << 20))
        if not chunk:
            os._exit(0)
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def answer(message):
    data = json.dumps(message).encode()
    view = memoryview(struct.pack(">I", len(data)) + data)
    while view:
        view = view[os.write(ANSWERS, view):]


def load():
    namespace = {"__name__": "solution", "__file__": os.path.abspath("solution.py"), "__builtins__": __builtins__}
    module = types.ModuleType("solution")
    module.__dict__.update(namespace)
    sys.modules["solution"] = module
    with open("solution.py", "rb") as f:
        source = f.read()
    try:
        code = compile(source, "solution.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as e:
        # The supervisor's syntax check, done here before any of the solution runs: fd 5 is closed below, so only
        # this server's own code can report on it.
        try:
            os.write(SYNTAX, ("%s: %s" % (type(e).__name__, e)).encode()[:4000])
        finally:
            os._exit(1)
    try:
        os.close(SYNTAX)
    except OSError:  # started without a syntax report (the supervisor checked the source itself)
        pass
    # The task's extra modules (request files) are importable as they are for an io program, but only after every
    # standard module: -I keeps the directory off the path, and appending it never lets a file there shadow one.
    sys.path.append(os.getcwd())
    exec(code, module.__dict__)
    return module.__dict__


def resolve(names, entry):
    if entry in names:
        return names[entry]
    owner, _, member = entry.partition(".")
    if member and owner in names:
        target = names[owner]
        return getattr(target() if isinstance(target, type) else target, member)
    raise NameError("entry point %r is not defined" % entry)


def failure(e):
    return {"ok": False, "kind": "raised", "type": type(e).__name__, "message": str(e)[:2000]}


def call(names, request, codec):
    tagged = request.get("enc") == "tagged"
    try:
        function = resolve(names, request["entry"])
        if tagged:
            args = codec.decode(request["args"])
            kwargs = codec.decode(request.get("kwargs") or {"$d": []})
        else:
            args, kwargs = request["args"], {}
        result = function(*args, **kwargs)
    except BaseException as e:  # noqa: B036 - SystemExit from sys.exit() is a failed call, not an answer
        return failure(e)
    try:
        if tagged:
            return {"ok": True, "value": codec.encode(result)}
        return {"ok": True, "value": json.dumps(result, allow_nan=False, default=untransferable)}
    except (Untransferable, TypeError, ValueError, RecursionError) as e:
        return {"ok": False, "kind": "untransferable", "message": str(e)[:500]}


def untransferable(value):
    raise Untransferable("a value of type %s is not JSON" % type(value).__name__)


def main():
    # Big integers are plain data: factorial(2000) has 5,736 digits, past Python's default limit of 4,300 for int<->str.
    # Converting a huge one costs this process's own CPU, which the watch limits.
    sys.set_int_max_str_digits(0)
    codec = TaggedCodec()
    try:
        names, load_error = load(), None
    except BaseException as e:  # noqa: B036 - even SystemExit at import time is reported on each call
        names, load_error = {}, failure(e)
    while True:
        (length,) = struct.unpack(">I", read_exact(4))
        request = json.loads(read_exact(length))
        if load_error is not None:
            answer(load_error)
        else:
            answer(call(names, request, codec))
        sys.stdout.flush()


main()
