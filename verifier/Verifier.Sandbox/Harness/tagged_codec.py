# Plain data across the process boundary between the Python judge and the submission's function server. Shared by
# both (concatenated into each): JSON plus tags for tuples, sets, dicts with any keys, bytes, complex and non-finite
# floats. Decoding builds built-in types only, so nothing the submission sends can carry behaviour (a lying __eq__).
# binascii, not base64: the base64 module imports re, about 10 ms on every function server's start.
import _json
import binascii


class Untransferable(Exception):
    pass


class TaggedCodec:
    """Plain data across the process boundary: JSON plus tags for tuples, sets, dicts with any keys, bytes, NaN."""

    MAX_DEPTH = 200

    def encode(self, value, depth=0):
        if depth > self.MAX_DEPTH:
            raise Untransferable("nested deeper than %d" % self.MAX_DEPTH)
        t = type(value)
        if value is None or t is bool or t is str or t is int:
            return value
        if t is float:
            return value if value == value and value not in (float("inf"), float("-inf")) else {"$f": repr(value)}
        if t is list:
            return [self.encode(v, depth + 1) for v in value]
        if t is tuple:
            return {"$t": [self.encode(v, depth + 1) for v in value]}
        if t is dict:
            return {"$d": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in value.items()]}
        if t is set:
            return {"$s": [self.encode(v, depth + 1) for v in value]}
        if t is frozenset:
            return {"$fs": [self.encode(v, depth + 1) for v in value]}
        if t is bytes:
            return {"$b": binascii.b2a_base64(value, newline=False).decode()}
        if t is complex:
            return {"$c": [value.real, value.imag]}
        raise Untransferable("a value of type %s" % t.__name__)

    def decode(self, value, depth=0):
        if depth > self.MAX_DEPTH:
            raise Untransferable("nested deeper than %d" % self.MAX_DEPTH)
        if isinstance(value, list):
            return [self.decode(v, depth + 1) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) != 1:
            raise Untransferable("an untagged object")
        ((tag, body),) = value.items()
        try:
            if tag == "$t":
                return tuple(self.decode(v, depth + 1) for v in body)
            if tag == "$d":
                return {self.decode(k, depth + 1): self.decode(v, depth + 1) for k, v in body}
            if tag == "$s":
                return {self.decode(v, depth + 1) for v in body}
            if tag == "$fs":
                return frozenset(self.decode(v, depth + 1) for v in body)
            if tag == "$b":
                return binascii.a2b_base64(body)
            if tag == "$c":
                return complex(float(body[0]), float(body[1]))
            if tag == "$f" and body in ("nan", "inf", "-inf"):
                return float(body)
        except (TypeError, ValueError) as e:
            raise Untransferable(str(e)) from None
        raise Untransferable("an unknown tag %r" % tag)


class FrameJson:
    """json.loads and json.dumps as the C accelerator does them, without importing the json package: its import
    (re, enum, functools) costs about 15 ms of CPU, paid by every function server's start and every supervisor's
    (in strict mode, one per submission). Same settings as json's defaults, compact separators."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}.__getitem__

    def __init__(self):
        self._scan = _json.make_scanner(self)

    def loads(self, data):
        text = data.decode("utf-8")
        try:
            value, end = self._scan(text, 0)
        except StopIteration:
            raise ValueError("not a JSON value") from None
        if end != len(text):
            raise ValueError("extra data after the JSON value")
        return value

    @staticmethod
    def dumps(value, allow_nan=True, default=None, ensure_ascii=True):
        escape = _json.encode_basestring_ascii if ensure_ascii else _json.encode_basestring
        encode = _json.make_encoder({}, default or FrameJson.refuse, escape, None, ":", ",", False, False, allow_nan)
        return "".join(encode(value, 0))

    @staticmethod
    def refuse(value):
        raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


json = FrameJson()
