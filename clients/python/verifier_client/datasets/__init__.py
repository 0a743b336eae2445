"""Dataset rows turned into the ``code`` spec of a verify item: ``{language, tests: {kind, ...}, limits?}``.

Each adapter raises UnsupportedRowError for a row it cannot express; drop such rows rather than scoring them.
``check_supported(spec, client.languages())`` checks a spec against what the service runs.
"""

from .apps import apps_spec, taco_spec
from .code_contests import code_contests_spec
from .humaneval import humaneval_spec, mbpp_spec
from .livecodebench import livecodebench_spec, private_test_cases
from .multipl_e import multipl_e_spec
from .spec import UnsupportedRowError, check_supported, code_spec

__all__ = [
    "UnsupportedRowError",
    "apps_spec",
    "check_supported",
    "code_contests_spec",
    "code_spec",
    "humaneval_spec",
    "livecodebench_spec",
    "mbpp_spec",
    "multipl_e_spec",
    "private_test_cases",
    "taco_spec",
]
