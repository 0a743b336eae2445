using Verifier.Contracts;
using Verifier.Core.Code;

namespace Verifier.Service.Scoring;

/// <summary>A raw run's sandbox verdict on the wire: the run's facts as they are, <c>ok</c> where verify says accepted.</summary>
internal static class RunOutcomes
{
    public const string Ok = "ok";
    public const string Error = "error";

    public static RunResult From(CodeVerdict verdict, int index, string? id)
    {
        var status = Status(verdict.Verdict);
        var compile = verdict switch
        {
            { Verdict: CodeVerdictKind.CompileError } => new CompileOutcome { Status = Error, Output = verdict.Reason, TimeMs = verdict.CompileMs },
            { CompileMs: { } ms } => new CompileOutcome { Status = Ok, TimeMs = ms },
            _ => null,
        };
        var run = verdict.Tests is [var test, ..] ? new ProgramOutcome
        {
            Status = Status(test.Verdict),
            ExitCode = test.ExitCode,
            Signal = test.Signal,
            Stdout = test.Output ?? "",
            Stderr = test.Stderr ?? "",
            CpuMs = test.CpuMs,
            WallMs = test.WallMs,
            MemoryKb = test.MemoryKb,
        } : null;
        return new RunResult
        {
            Index = index,
            Id = id,
            Status = status,
            Compile = compile,
            Run = run,
            Reason = status == Ok ? null : verdict.Reason,
        };
    }

    public static RunResult Unrun(int index, string? id, string status, string reason) =>
        new() { Index = index, Id = id, Status = status, Reason = reason };

    private static string Status(CodeVerdictKind verdict) => verdict == CodeVerdictKind.Accepted ? Ok : verdict.ToWireName();
}
