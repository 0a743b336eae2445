using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Languages;

/// <summary><c>function</c> tests in JavaScript and TypeScript: JSON arguments in, the return value's JSON compared outside.</summary>
[Collection(SandboxCollection.Name)]
public class NodeFunctionTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Theory]
    [InlineData("javascript", "function add(a, b) {\n  return a + b;\n}\n")]
    [InlineData("typescript", "function add(a: number, b: number): number {\n  return a + b;\n}\n")]
    [InlineData("javascript", "const add = (a, b) => a + b;\n")]
    [InlineData("javascript", "module.exports.add = function (a, b) { return a + b; };\n")]
    public async Task Function_WhenEveryCallReturnsTheExpectedJson_IsAccepted(string language, string code)
    {
        var verdict = await VerifyAsync(language, code, Function("add", ("[2, 3]", "5"), ("[-1, 1]", "0")));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, LanguageVerdictTests.Describe(verdict));
        Assert.Equal(2, verdict.TestsRun);
    }

    [Theory]
    [InlineData("javascript", "function add(a, b) {\n  return a - b;\n}\n")]
    [InlineData("typescript", "function add(a: number, b: number): number {\n  return a - b;\n}\n")]
    public async Task Function_WhenACallReturnsAnotherValue_IsWrongAnswer(string language, string code)
    {
        var verdict = await VerifyAsync(language, code, Function("add", ("[2, 3]", "5")));

        Assert.True(verdict.Verdict == CodeVerdictKind.WrongAnswer, LanguageVerdictTests.Describe(verdict));
    }

    [Fact]
    public async Task Function_ClassMethodEntryPoint_CallsAFreshInstance()
    {
        const string code = "class Solution {\n  twoSum(nums, target) {\n    const seen = new Map();\n    for (let i = 0; i < nums.length; i++) {\n      if (seen.has(target - nums[i])) return [seen.get(target - nums[i]), i];\n      seen.set(nums[i], i);\n    }\n    return [];\n  }\n}\n";

        var verdict = await VerifyAsync("javascript", code, Function("Solution.twoSum", ("[[2, 7, 11, 15], 9]", "[0, 1]")));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, LanguageVerdictTests.Describe(verdict));
    }

    [Fact]
    public async Task Function_BigIntegers_AreComparedExactly()
    {
        var verdict = await VerifyAsync("javascript", "function big() { return 2n ** 70n; }\n", Function("big", ("[]", "1180591620717411303424")));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, LanguageVerdictTests.Describe(verdict));
    }

    [Theory]
    [InlineData("function add(a, b) { return { valueOf() { return 5; }, toString() { return '5'; }, toJSON() { return 5; } }; }\n")]
    [InlineData("class Five { toJSON() { return 5; } }\nfunction add(a, b) { return new Five(); }\n")]
    [InlineData("function add(a, b) { return NaN; }\n")]
    [InlineData("function add(a, b) { process.exit(0); }\n")]
    [InlineData("function add(a, b) { require('fs').writeSync(4, Buffer.concat([Buffer.from([0, 0, 0, 9]), Buffer.from('{\"ok\":1}')])); return 4; }\n")]
    public async Task Function_AValueThatOnlyPretendsToBeTheAnswer_Fails(string code)
    {
        var verdict = await VerifyAsync("javascript", code, Function("add", ("[2, 3]", "5")));

        Assert.True(verdict.Verdict is not CodeVerdictKind.Accepted && verdict.Reward is 0.0, LanguageVerdictTests.Describe(verdict));
    }

    private Task<CodeVerdict> VerifyAsync(string language, string code, CodeTests tests) =>
        _sandbox.VerifyAsync(Make(language, code, tests, timeMs: 5_000, memoryMb: null, Key, runAll: false, CodeScoring.Binary));
}
