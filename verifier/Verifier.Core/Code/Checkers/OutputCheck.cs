namespace Verifier.Core.Code.Checkers;

/// <summary>Which checker an io test set uses, with its settings; <see cref="Create"/> makes the checker.</summary>
public sealed record OutputCheck
{
    private OutputCheck(CheckerKind kind) => Kind = kind;

    /// <summary>The default: tokens, numbers under the test set's <see cref="NumberRule"/>.</summary>
    public static OutputCheck Tokens { get; } = new(CheckerKind.Tokens);

    public static OutputCheck Exact { get; } = new(CheckerKind.Exact);

    public static OutputCheck Lines { get; } = new(CheckerKind.Lines);

    public CheckerKind Kind { get; }

    /// <summary>For <see cref="CheckerKind.Float"/>: |expected - actual| at most this passes.</summary>
    public double Absolute { get; private init; }

    /// <summary>For <see cref="CheckerKind.Float"/>: |expected - actual| at most this times |expected| passes.</summary>
    public double Relative { get; private init; }

    /// <summary>For <see cref="CheckerKind.Unordered"/>: what is counted.</summary>
    public UnorderedItems By { get; private init; }

    /// <summary>Decimals within <paramref name="absolute"/> or within <paramref name="relative"/> of the expected value; integers exact.</summary>
    public static OutputCheck Float(double absolute, double relative)
    {
        // Relative below 1: at 1 or more, 0 would pass for every expected value.
        if (!double.IsFinite(absolute) || absolute < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(absolute), absolute, "a finite, non-negative tolerance");
        }

        return double.IsFinite(relative) && relative is >= 0 and < 1
            ? new OutputCheck(CheckerKind.Float) { Absolute = absolute, Relative = relative }
            : throw new ArgumentOutOfRangeException(nameof(relative), relative, "a relative tolerance from 0 to below 1");
    }

    public static OutputCheck Unordered(UnorderedItems by) => new(CheckerKind.Unordered) { By = by };

    /// <summary>For <see cref="CheckerKind.Custom"/>: the checker program.</summary>
    public CustomChecker? Program { get; private init; }

    public static OutputCheck Custom(CustomChecker program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new(CheckerKind.Custom) { Program = program };
    }

    /// <param name="numbers">The test set's number rule, which only the tokens checker follows.</param>
    public IOutputChecker Create(NumberRule numbers) => Kind switch
    {
        CheckerKind.Tokens => new IoOutputComparer(numbers),
        CheckerKind.Exact => ExactChecker.Instance,
        CheckerKind.Lines => LinesChecker.Instance,
        CheckerKind.Float => new IoOutputComparer(NumberRule.Float(Absolute, Relative)),
        CheckerKind.Unordered => By == UnorderedItems.Tokens ? UnorderedChecker.ByTokens : UnorderedChecker.ByLines,
        // A program cannot judge in-process: the sandbox runs it in a container of its own.
        CheckerKind.Custom => throw new InvalidOperationException("a custom checker runs in the sandbox, not in-process"),
        _ => throw new ArgumentOutOfRangeException(nameof(numbers), Kind, "unknown checker"),
    };
}
