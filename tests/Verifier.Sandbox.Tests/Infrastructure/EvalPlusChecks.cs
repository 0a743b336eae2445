namespace Verifier.Sandbox.Tests.Infrastructure;

/// <summary>
/// HumanEval+'s and MBPP+'s checks (evalplus) start with <c>import numpy as np</c>: their <c>assertion</c> helper
/// compares floats with <c>np.testing.assert_allclose</c>, so the judge must be able to import it.
/// </summary>
internal static class EvalPlusChecks
{
    /// <summary>A check of a <c>mean(xs)</c> in HumanEval+'s shape (its helpers verbatim): right answers within the tolerance pass.</summary>
    public const string Mean =
        "import numpy as np\n\n" +
        "def is_floats(x) -> bool:\n" +
        "    if isinstance(x, float):\n        return True\n" +
        "    if isinstance(x, (list, tuple)):\n        return all(isinstance(i, float) for i in x)\n" +
        "    if isinstance(x, np.ndarray):\n        return x.dtype == np.float64 or x.dtype == np.float32\n" +
        "    return False\n\n\n" +
        "def assertion(out, exp, atol):\n" +
        "    exact_match = out == exp\n\n" +
        "    if atol == 0 and is_floats(exp):\n        atol = 1e-6\n" +
        "    if not exact_match and atol != 0:\n        np.testing.assert_allclose(out, exp, atol=atol)\n" +
        "    else:\n        assert exact_match\n\n\n" +
        "def check(candidate):\n" +
        "    inputs = [[[1.0, 2.0, 3.0]], [[0.1, 0.2]]]\n" +
        "    results = [2.0, 0.15000000000000002]\n" +
        "    for i, (inp, exp) in enumerate(zip(inputs, results)):\n" +
        "        assertion(candidate(*inp), exp, 0)\n";
}
