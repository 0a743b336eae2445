using Verifier.Trainer.Grpo;
using static TorchSharp.torch;

namespace Verifier.Trainer.Tests.Grpo;

public sealed class GrpoLossTests
{
    // Two completions of width 3; the second has one padding token. With old = current, every ratio is 1, so
    // the per-token loss is −A: row 0 (A = 1) gives −1 per token, row 1 (A = −2) gives +2 per token.
    private static readonly float[,] LogProbs = { { -1f, -2f, -0.5f }, { -0.3f, -1.2f, 0f } };
    private static readonly float[,] Mask = { { 1, 1, 1 }, { 1, 1, 0 } };
    private static readonly float[] Adv = [1f, -2f];

    public GrpoLossTests() => TorchTestSetup.Ensure();

    [Theory]
    [InlineData(LossType.Grpo, 0.5)] // mean(−1, 2): per-sequence means −1 and 2
    [InlineData(LossType.Dapo, 0.2)] // (−3 + 4) / 5 tokens
    [InlineData(LossType.DrGrpo, 1.0 / 8)] // (−3 + 4) / (2 rows × max length 4)
    public void Compute_AtRatioOne_AggregatesAsHandComputed(LossType type, double expected)
    {
        var logProbs = tensor(LogProbs);
        var result = GrpoLoss.Compute(logProbs, logProbs.detach(), null, tensor(Adv), tensor(Mask), new GrpoOptions { LossType = type }, 4);

        Assert.Equal(expected, result.Loss.item<float>(), 5);
        Assert.Equal(0.0, result.ClipRatio.item<float>(), 6);
    }

    [Fact]
    public void Compute_WithRatioOutsideClip_UsesClippedSurrogateAndReportsIt()
    {
        // One token, A = 1, ratio e^0.5 ≈ 1.6487 > 1 + 0.28: the surrogate is min(1.6487, 1.28) = 1.28.
        var logProbs = tensor(new float[,] { { 0f } }, requires_grad: true);
        var old = tensor(new float[,] { { -0.5f } });
        var options = new GrpoOptions { EpsilonLow = 0.2, EpsilonHigh = 0.28 };

        var result = GrpoLoss.Compute(logProbs, old, null, tensor(new[] { 1f }), ones(1, 1), options, 1);
        result.Loss.backward();

        Assert.Equal(-1.28, result.Loss.item<float>(), 5);
        Assert.Equal(1.0, result.ClipRatio.item<float>(), 6);
        Assert.Equal(0.0, logProbs.grad!.item<float>(), 6); // clipped: no gradient
    }

    [Fact]
    public void Compute_WithNegativeAdvantageBelowLowClip_ClipsAtOneMinusEpsLow()
    {
        // A = −1, ratio e^−1 ≈ 0.3679 < 0.8: min(−0.3679, −0.8) = −0.8, loss = 0.8.
        var logProbs = tensor(new float[,] { { -1f } });
        var old = tensor(new float[,] { { 0f } });

        var result = GrpoLoss.Compute(logProbs, old, null, tensor(new[] { -1f }), ones(1, 1), new GrpoOptions(), 1);

        Assert.Equal(0.8, result.Loss.item<float>(), 5);
        Assert.Equal(1.0, result.ClipRatio.item<float>(), 6);
    }

    [Fact]
    public void Compute_WithRatioInsideClip_IsUnclippedRatioTimesAdvantage()
    {
        var logProbs = tensor(new float[,] { { 0.1f } });
        var old = tensor(new float[,] { { 0f } });

        var result = GrpoLoss.Compute(logProbs, old, null, tensor(new[] { 2f }), ones(1, 1), new GrpoOptions(), 1);

        Assert.Equal(-2 * Math.Exp(0.1), result.Loss.item<float>(), 5);
        Assert.Equal(0.0, result.ClipRatio.item<float>(), 6);
    }

    [Fact]
    public void Compute_WithReference_AddsBetaTimesK3()
    {
        // logp = −1, ref = −1.5: k3 = e^(−0.5) − (−0.5) − 1 = 0.1065307; with A = 0 the loss is β·k3.
        var logProbs = tensor(new float[,] { { -1f } });
        var reference = tensor(new float[,] { { -1.5f } });
        var k3 = Math.Exp(-0.5) + 0.5 - 1;

        var result = GrpoLoss.Compute(logProbs, logProbs, reference, tensor(new[] { 0f }), ones(1, 1), new GrpoOptions { Beta = 0.04 }, 1);

        Assert.Equal(k3, result.Kl.item<float>(), 6);
        Assert.Equal(0.04 * k3, result.Loss.item<float>(), 6);
    }

    [Fact]
    public void Compute_WhenBetaZero_IgnoresReferenceAndReportsZeroKl()
    {
        var logProbs = tensor(new float[,] { { -1f } });

        var result = GrpoLoss.Compute(logProbs, logProbs, tensor(new float[,] { { -3f } }), tensor(new[] { 0f }), ones(1, 1), new GrpoOptions { Beta = 0 }, 1);

        Assert.Equal(0.0, result.Kl.item<float>());
        Assert.Equal(0.0, result.Loss.item<float>(), 7);
    }

    [Fact]
    public void Compute_MaskedTokens_GetNoGradientAndDoNotChangeTheLoss()
    {
        var logProbs = tensor(LogProbs, requires_grad: true);
        var changed = LogProbs.Clone() as float[,];
        changed![1, 2] = -7f; // a masked position

        var a = GrpoLoss.Compute(logProbs, logProbs.detach(), null, tensor(Adv), tensor(Mask), new GrpoOptions(), 4);
        var b = GrpoLoss.Compute(tensor(changed), tensor(LogProbs), null, tensor(Adv), tensor(Mask), new GrpoOptions(), 4);
        a.Loss.backward();

        Assert.Equal(a.Loss.item<float>(), b.Loss.item<float>(), 6);
        Assert.Equal(0f, logProbs.grad![1, 2].item<float>());
        Assert.NotEqual(0f, logProbs.grad![1, 1].item<float>());
    }

    [Fact]
    public void Compute_GrpoLoss_IgnoresFullyMaskedRowsInTheSequenceMean()
    {
        var logProbs = tensor(LogProbs);
        var mask = tensor(new float[,] { { 1, 1, 1 }, { 0, 0, 0 } });

        var result = GrpoLoss.Compute(logProbs, logProbs, null, tensor(Adv), mask, new GrpoOptions { LossType = LossType.Grpo }, 3);

        Assert.Equal(-1.0, result.Loss.item<float>(), 5);
    }
}
