namespace Verifier.Contracts;

/// <summary>The values of <see cref="VerifyResult.Verdict"/>.</summary>
public static class Verdicts
{
    // Math.
    public const string Correct = "correct";
    public const string Wrong = "wrong";
    public const string NoAnswer = "no_answer";
    public const string Undecided = "undecided";

    // Code, as the sandbox reports them.
    public const string Accepted = "accepted";
    public const string WrongAnswer = "wrong_answer";
    public const string CompileError = "compile_error";
    public const string RuntimeError = "runtime_error";
    public const string TimeLimit = "time_limit";
    public const string MemoryLimit = "memory_limit";
    public const string OutputLimit = "output_limit";
    public const string NoCode = "no_code";
    public const string InfraError = "infra_error";

    // Per test and per subtask in a code detail only, never an item's verdict.
    public const string Skipped = "skipped";
    public const string NotRun = "not_run";

    // Items with only a format component.
    public const string FormatOk = "format_ok";
    public const string FormatError = "format_error";

    // Items with only named reward components.
    public const string Scored = "scored";

    // The service gave up on the item: its reward is null.
    public const string Timeout = "timeout";
    public const string Cancelled = "cancelled";
    public const string Error = "error";
}
