using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;

namespace Verifier.Core.Tests.Code.Checkers;

/// <summary>
/// An expected integer is matched by no other spelling under any checker: a program must not pass an exact-integer
/// answer by printing a float near it (an attack class the tokens checker closed, kept closed for the new ones).
/// </summary>
public class IntegerExactnessAcrossCheckersTests
{
    public static TheoryData<string> Checkers => ["tokens", "exact", "lines", "float", "unordered-lines", "unordered-tokens"];

    private static IOutputChecker Make(string name) => (name switch
    {
        "tokens" => OutputCheck.Tokens,
        "exact" => OutputCheck.Exact,
        "lines" => OutputCheck.Lines,
        "float" => OutputCheck.Float(0.5, 0.5),
        "unordered-lines" => OutputCheck.Unordered(UnorderedItems.Lines),
        _ => OutputCheck.Unordered(UnorderedItems.Tokens),
    }).Create(NumberRule.Strict(0.5));

    [Theory]
    [MemberData(nameof(Checkers))]
    public void AnExpectedInteger_IsNotMatchedByAFloatNearIt(string checker)
    {
        var judge = Make(checker);

        foreach (var actual in new[] { "1000000000.0", "1e9", "999999999.9", "0001000000000", "+1000000000" })
        {
            Assert.False(judge.Compare("1000000000\n", actual + "\n").Equal, $"{checker} accepted {actual}");
        }

        Assert.True(judge.Compare("1000000000\n", "1000000000\n").Equal);
    }
}
