using System.Text.Json;
using Verifier.Contracts;

namespace Verifier.Sdk.Datasets;

/// <summary>
/// HumanEval and HumanEval+: <c>prompt</c>, <c>test</c> (a <c>check(candidate)</c>) and <c>entry_point</c> become
/// Python assert tests. The test code is the prompt followed by the test, as HumanEval's own program puts them: the
/// helpers some checks call (<c>poly</c> in HumanEval/32, <c>encode_cyclic</c> in /38) are then the dataset's; the
/// service never takes them from the candidate (a <c>poly</c> that returns 0 would pass any answer) and does not run
/// a test that uses one it does not define (null). The prompt's stub of the entry point is the candidate in the judge.
/// A <c>test</c> with no <c>check</c> (bare asserts calling the function by name) is bound to the candidate without
/// the prompt, whose stub of the function would shadow it.
/// </summary>
internal sealed class HumanEvalAdapter(string name, string language) : IDatasetAdapter
{
    public string Name => name;

    public CodeSpec ToCodeSpec(JsonElement row)
    {
        var entryPoint = PythonChecks.Identifier(RowFields.RequiredText(row, "entry_point").Trim(), "entry_point");
        var test = RowFields.RequiredText(row, "test");
        var code = PythonChecks.DefinesCheck(test)
            ? $"{RowFields.OptionalText(row, "prompt")}\n\n{test}"
            : PythonChecks.BindEntryPoint(test, entryPoint);
        return new CodeSpec { Language = language, Tests = CodeTests.Assert(entryPoint, code) };
    }
}
