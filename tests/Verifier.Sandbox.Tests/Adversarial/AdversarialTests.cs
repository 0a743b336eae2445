using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Base of the adversarial suite (issue 11): each attack runs in both sandbox modes, and each asserts the exact
/// verdict and reward it must get. A wrong program gets its 0 (never a pass, never a null).
/// </summary>
[Collection(SandboxCollection.Name)]
public abstract class AdversarialTests(SharedSandbox fast, SharedStrictSandbox strict)
{
    public static TheoryData<SandboxMode> Modes => new() { SandboxMode.Fast, SandboxMode.Strict };

    protected ICodeSandbox In(SandboxMode mode) => mode == SandboxMode.Fast ? fast.Sandbox : strict.Sandbox;

    /// <summary>Runs the request and asserts the verdict, and a reward of 0 for anything but accepted.</summary>
    protected async Task<CodeVerdict> ExpectAsync(SandboxMode mode, CodeRequest request, CodeVerdictKind expected)
    {
        var verdict = await In(mode).VerifyAsync(request);
        Assert.True(verdict.Verdict == expected, $"{mode}: expected {expected}, got {verdict.Verdict}: {verdict.Reason}");
        Assert.Equal(expected == CodeVerdictKind.Accepted ? 1.0 : 0.0, verdict.Reward);
        return verdict;
    }

    /// <summary>Asserts a 0 reward from any verdict but accepted and infra_error (for attacks with several honest outcomes).</summary>
    protected async Task<CodeVerdict> ExpectZeroAsync(SandboxMode mode, CodeRequest request)
    {
        var verdict = await In(mode).VerifyAsync(request);
        Assert.True(verdict.Verdict is not CodeVerdictKind.Accepted and not CodeVerdictKind.InfraError, $"{mode}: {verdict.Verdict}: {verdict.Reason}");
        Assert.Equal(0.0, verdict.Reward);
        return verdict;
    }
}
