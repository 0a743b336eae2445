using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Core.Code;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Languages.CSharp;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Compiler bombs (issue 11, class 8): lambdas nested six deep (the most allowed) over ten overloads are about a
/// million bindings, some 85 s of Roslyn that ignores its cancellation token. The compilation runs in a worker process
/// that is killed at the deadline, and the slots are shared fairly, so a tenant's bombs cost that tenant only.
/// Each test runs its own sandbox with a 2 s budget and two compile slots (one per tenant at most).
/// </summary>
public sealed class CSharpCompilerBombTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    private const int BudgetMs = 2_000;
    private const string Honest = "public static class Solution { public static int Add(int a, int b) => a + b; }";

    [Theory, MemberData(nameof(Modes))]
    public async Task Bomb_GetsCompileErrorAtItsDeadline_AndItsWorkerProcessIsGone(SandboxMode mode)
    {
        await using var host = await StartAsync(mode, BudgetMs);
        var language = await WarmCSharpAsync(host);
        var workers = language.WorkerProcessIds;

        var clock = Stopwatch.StartNew();
        var verdict = await host.Sandbox.VerifyAsync(CSharp(Bomb(), Function("Bomb.Run", ("[]", "0")), key: "tenant-a/1"));
        var elapsed = clock.ElapsedMilliseconds;

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Equal(0.0, verdict.Reward);
        Assert.Contains($"compilation exceeded its time limit ({BudgetMs} ms)", verdict.Reason, StringComparison.Ordinal);
        // At the deadline, not when Roslyn would have finished (some 85 s); the slack is for a busy two-core machine.
        Assert.InRange(elapsed, BudgetMs, 3 * BudgetMs);
        // The worker that compiled it no longer exists: it burns no CPU past the deadline. The other one is untouched.
        Assert.Single(workers, pid => !Directory.Exists($"/proc/{pid}"));
        Assert.Single(workers, pid => Directory.Exists($"/proc/{pid}"));

        var next = await host.Sandbox.VerifyAsync(CSharp(Honest, Function("Add", ("[2, 3]", "5")), key: "tenant-a/1"));
        Assert.True(next.Verdict == CodeVerdictKind.Accepted, $"{next.Verdict}: {next.Reason}");
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task BombsOfOneTenant_DoNotDelayAnotherTenantsHonestProgram(SandboxMode mode)
    {
        await using var host = await StartAsync(mode, BudgetMs);
        await WarmCSharpAsync(host);

        var clock = Stopwatch.StartNew();
        var bombs = Enumerable.Range(0, 3)
            .Select(i => host.Sandbox.VerifyAsync(CSharp(Bomb(i), Function("Bomb.Run", ("[]", "0")), key: "tenant-a/batch")))
            .ToList();
        await Task.Delay(200);
        var honest = await host.Sandbox.VerifyAsync(CSharp(Honest, Function("Add", ("[2, 3]", "5")), key: "tenant-b/batch"));
        var honestDone = clock.ElapsedMilliseconds;
        var verdicts = await Task.WhenAll(bombs);

        Assert.True(honest.Verdict == CodeVerdictKind.Accepted, $"{honest.Verdict}: {honest.Reason}");
        // Tenant A holds one slot at most; B's program compiled in the other one at once and was judged long before
        // A's bombs ran out (the last of them ends past three budgets).
        Assert.InRange(honestDone, 0, BudgetMs + 1_000);
        // A's own bombs queue behind each other: each gets its compile error, none an infrastructure error.
        Assert.All(verdicts, v => Assert.Contains("compilation exceeded its time limit", v.Reason, StringComparison.Ordinal));
        Assert.All(verdicts, v => Assert.Equal(CodeVerdictKind.CompileError, v.Verdict));
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task WorkerKilledMidCompilation_FailsThatSubmissionOnly_AndTheNextCompiles(SandboxMode mode)
    {
        await using var host = await StartAsync(mode, compileTimeMs: 30_000);
        var language = await WarmCSharpAsync(host);

        var clock = Stopwatch.StartNew();
        var bomb = host.Sandbox.VerifyAsync(CSharp(Bomb(), Function("Bomb.Run", ("[]", "0")), key: "tenant-a/1"));
        int busy;
        while ((busy = language.BusyWorkerProcessIds.FirstOrDefault()) == 0)
        {
            await Task.Delay(10);
        }

        await Task.Delay(300);
        using (var worker = Process.GetProcessById(busy))
        {
            worker.Kill(); // as a crash of Roslyn (a stack overflow, say) would end it
        }

        var crashed = await bomb;
        var next = await host.Sandbox.VerifyAsync(CSharp(Honest, Function("Add", ("[2, 3]", "5")), key: "tenant-a/1"));

        Assert.Equal(CodeVerdictKind.CompileError, crashed.Verdict);
        Assert.Equal(0.0, crashed.Reward);
        Assert.Contains("the compiler crashed on this source", crashed.Reason, StringComparison.Ordinal);
        Assert.InRange(clock.ElapsedMilliseconds, 0, 15_000);
        Assert.True(next.Verdict == CodeVerdictKind.Accepted, $"{next.Verdict}: {next.Reason}");
    }

    /// <summary>Six nested lambdas, each passed to one of ten overloads taking different delegate types.</summary>
    private static string Bomb(int variant = 0)
    {
        string[] types = ["int", "long", "short", "byte", "sbyte", "uint", "ulong", "ushort", "double", "float"];
        var overloads = string.Concat(types.Select(t => $"  static int F(Func<{t}, {t}> f) => 0;\n"));
        var nested = new StringBuilder("0");
        foreach (var parameter in "abcdef".Reverse())
        {
            nested.Insert(0, $"F({parameter} => ").Append(')');
        }

        return $"public static class Bomb {{\n{overloads}  public static int Run() => {nested} + {variant};\n}}";
    }

    private static Task<SandboxHost> StartAsync(SandboxMode mode, int compileTimeMs) => SandboxHost.StartAsync(o =>
    {
        o.Mode = mode;
        o.CSharp.CompileTimeMs = compileTimeMs;
        o.CSharp.MaxConcurrentCompilations = 2;
    });

    /// <summary>The C# language of the host, once both compiler workers are warm (timings exclude their start).</summary>
    private static async Task<CSharpLanguage> WarmCSharpAsync(SandboxHost host)
    {
        var language = host.Services.GetServices<ISandboxLanguage>().OfType<CSharpLanguage>().Single();
        await language.WarmUpAsync(CancellationToken.None);
        return language;
    }
}
