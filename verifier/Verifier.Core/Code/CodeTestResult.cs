namespace Verifier.Core.Code;

/// <summary>The outcome of one test (one io case, one function call, or the whole assert block).</summary>
public sealed record CodeTestResult
{
    public required int Index { get; init; }

    public required CodeVerdictKind Verdict { get; init; }

    /// <summary>Why the test failed, in a sentence (expected vs actual, the exception, the limit hit).</summary>
    public string? Reason { get; init; }

    public double CpuMs { get; init; }

    public double WallMs { get; init; }

    /// <summary>Peak resident memory of the program's processes, when the sandbox measured it.</summary>
    public long? MemoryKb { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>The signal that ended the program (<c>SIGSEGV</c>, ...), if any.</summary>
    public string? Signal { get; init; }

    /// <summary>The start of what the program printed (io) or returned (function), for diagnosis.</summary>
    public string? Output { get; init; }

    /// <summary>The end of the program's stderr (where a traceback names the error).</summary>
    public string? Stderr { get; init; }

    /// <summary>A partial score from 0 to 1 that a custom checker gave (testlib's points); null: all or nothing.</summary>
    public double? Score { get; init; }

    public bool Passed => Verdict == CodeVerdictKind.Accepted;

    /// <summary>What the test is worth to fraction, weighted and subtask scoring: 1 passed, its score if partial, else 0.</summary>
    public double Credit => Passed ? 1 : Score ?? 0;
}
