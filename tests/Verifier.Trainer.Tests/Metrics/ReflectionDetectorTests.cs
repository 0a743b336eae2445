using Verifier.Trainer.Metrics;

namespace Verifier.Trainer.Tests.Metrics;

public sealed class ReflectionDetectorTests
{
    [Theory]
    [InlineData("<think>3 + 4 = 7. Wait, let me re-check: 3 + 4 = 7</think><answer>7</answer>")]
    [InlineData("<think>2 * 3 = 5, no: 2 * 3 = 6</think><answer>6</answer>")]
    [InlineData("<think>let me verify this</think><answer>1</answer>")]
    public void IsReflective_WhenReasoningReexaminesItself_ReturnsTrue(string completion)
    {
        Assert.True(ReflectionDetector.IsReflective(completion));
    }

    [Theory]
    [InlineData("<think>3 + 4 = 7</think><answer>7</answer>")]
    [InlineData("<think>1 = 1, 2 + 0 = 2 ... no</think><answer>wait</answer>")]
    [InlineData("<think></think><answer>5</answer>")]
    public void IsReflective_WhenReasoningIsLinear_ReturnsFalse(string completion)
    {
        // The second case changes its results (1 then 2): that counts; make sure the answer text alone does not.
        var expected = completion.Contains("2 + 0", StringComparison.Ordinal);
        Assert.Equal(expected, ReflectionDetector.IsReflective(completion));
    }
}
