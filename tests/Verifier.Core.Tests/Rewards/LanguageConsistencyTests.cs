using Verifier.Core.Rewards;

namespace Verifier.Core.Tests.Rewards;

public sealed class LanguageConsistencyTests
{
    private readonly LanguageConsistency _english = new("language_consistency", WritingScript.Latin);

    [Fact]
    public void Score_AllTargetScript_Returns1()
    {
        var score = _english.Score("<think>First add the two numbers, then halve them.</think><answer>4</answer>");

        Assert.Equal(1.0, score.Value);
    }

    [Fact]
    public void Score_MixedLanguages_ReturnsShareOfTargetWords()
    {
        // 4 Latin words; 4 Han characters count as 4 words.
        var score = _english.Score("<think>we need 计算结果 then done</think><answer>4</answer>");

        Assert.Equal(0.5, score.Value);
    }

    [Fact]
    public void Score_IgnoresMathNotationAndNumbers()
    {
        var score = _english.Score("<think>so $\\frac{\\alpha}{\\beta}$ equals \\sqrt{2} = 1.41 and 3x</think>");

        Assert.Equal(1.0, score.Value);
    }

    [Fact]
    public void Score_OnlyReadsTheReasoning()
    {
        var score = _english.Score("<think>reason in english</think><answer>ответ</answer>");

        Assert.Equal(1.0, score.Value);
    }

    [Fact]
    public void Score_ForAnotherTarget_CountsThatScript()
    {
        var russian = new LanguageConsistency("language_consistency_ru", WritingScript.Cyrillic);

        var score = russian.Score("<think>сначала сложим числа then</think>");

        Assert.Equal(0.75, score.Value);
    }

    [Fact]
    public void Score_NoWords_IsUnknownNotZero()
    {
        var score = _english.Score("<think>1 + 1 = 2</think><answer>2</answer>");

        Assert.Null(score.Value);
        Assert.NotNull(score.Reason);
    }
}
