using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Equivalence;
using Verifier.Core.Math.Extraction;
using Verifier.Core.Math.Numbers;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math;

/// <summary>
/// Checks a model's math answer against a gold answer: extracts the answer from the completion, parses both
/// sides, and compares them exactly where possible. Thread-safe and reusable; parsed gold answers are cached.
/// </summary>
public sealed class MathVerifier
{
    /// <summary>
    /// Runs each evaluation path once per process before the first real check, so that just-in-time
    /// compilation is not charged to (and does not exhaust) a check's time budget.
    /// </summary>
    private static readonly Lazy<bool> WarmUp = new(RunWarmUp, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly MathVerifierOptions _options;
    private readonly AnswerExtractor _extractor;
    private readonly CompareSettings _settings;
    private readonly GoldCache _golds;

    public MathVerifier(MathVerifierOptions? options = null)
        : this(options, warmUp: true)
    {
    }

    private MathVerifier(MathVerifierOptions? options, bool warmUp)
    {
        _options = options ?? new MathVerifierOptions();
        _options.Validate();
        _extractor = new AnswerExtractor(new ExtractionSettings(
            _options.ExtractionRules, _options.ThinkTag, _options.AnswerTag, _options.MaxCompletionLength, MaxCandidates: 3));
        _settings = new CompareSettings
        {
            RandomPoints = _options.RandomPoints,
            InitialPrecisionBits = _options.PrecisionBits,
            MaxPrecisionBits = _options.MaxPrecisionBits,
            AbsoluteTolerance = _options.AbsoluteTolerance,
            AllowSetRelationComparison = _options.AllowSetRelationComparison,
        };
        _golds = new GoldCache(_options.GoldCacheSize);
        if (warmUp)
        {
            _ = WarmUp.Value;
        }
    }

    /// <summary>Extracts the answer from a full completion and compares it with the gold answer.</summary>
    /// <param name="completion">The model's whole output (think, answer tags, prose).</param>
    /// <param name="gold">The reference answer (e.g. "\frac{14}{3}", "x \in [-2,7]", "\text{(C)}").</param>
    /// <param name="tolerance">Relative tolerance for numeric values; null compares exactly.</param>
    public MathVerdict Verify(string completion, string gold, double? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(gold);
        ValidateTolerance(tolerance);
        return Guarded(null, budget =>
        {
            var goldAnswer = GoldAnswer(gold, budget);
            return ChargedToAnswer(null, () => Judge(goldAnswer, _extractor.Extract(completion, budget), tolerance, budget));
        });
    }

    /// <summary>
    /// Like <see cref="Verify"/>, but the gold side is itself a worked solution (e.g. a MATH solution ending in
    /// \boxed{...}) from which the answer is extracted with the same rules.
    /// </summary>
    public MathVerdict VerifyAgainstSolution(string completion, string goldSolution, double? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(goldSolution);
        ValidateTolerance(tolerance);
        return Guarded(null, budget =>
        {
            var goldExtraction = _extractor.Extract(goldSolution, budget);
            if (goldExtraction.Candidates.Count == 0)
            {
                return new MathVerdict(null, null, "no answer found in the gold solution: " + goldExtraction.FailureReason);
            }

            var goldAnswer = FirstParsed(goldExtraction, budget) ?? GoldAnswer(goldExtraction.Candidates[0].Text, budget);
            return ChargedToAnswer(null, () => Judge(goldAnswer, _extractor.Extract(completion, budget), tolerance, budget));
        });
    }

    /// <summary>Compares two answers that are already extracted (no completion around them).</summary>
    public MathVerdict CompareAnswers(string goldAnswer, string predictedAnswer, double? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(goldAnswer);
        ArgumentNullException.ThrowIfNull(predictedAnswer);
        ValidateTolerance(tolerance);
        return Guarded(predictedAnswer, budget =>
        {
            var extraction = new ExtractionResult([new ExtractedAnswer(predictedAnswer, null)], null);
            var gold = GoldAnswer(goldAnswer, budget);
            return ChargedToAnswer(predictedAnswer, () => Judge(gold, extraction, tolerance, budget));
        });
    }

    /// <summary>The answer text this verifier reads from a completion, or null when there is none.</summary>
    public string? ExtractAnswer(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        try
        {
            var result = _extractor.Extract(completion, NewBudget());
            return result.Candidates.Count == 0 ? null : result.Candidates[0].Text;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null; // budget spent or an internal fault: no answer rather than a crash
        }
    }

    private static bool RunWarmUp()
    {
        var verifier = new MathVerifier(new MathVerifierOptions { TimeBudget = TimeSpan.FromMinutes(1) }, warmUp: false);
        string[][] pairs =
        [
            ["\\frac{14}{3}", "<think>x</think> The answer is $\\boxed{\\dfrac{14}{3}}$."],
            ["\\tan^2(y)+1", "\\boxed{\\sec^2 y}"],
            ["(3, \\frac{\\pi}{2})", "Final answer: $\\left(3, \\pi/2\\right)$"],
            ["x \\in [-2,7]", "<answer>[-2, 7]</answer>"],
            ["y = 2x + 3", "\\boxed{2x - y + 3 = 0}"],
            ["\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}", "\\boxed{(1, 2)}"],
            ["1 \\pm \\sqrt{19}", "\\boxed{1+\\sqrt{19}, 1-\\sqrt{19}}"],
            ["\\text{(C)}", "\\boxed{C}"],
            ["e^{i\\pi}", "\\boxed{-1}"],
            ["\\ln 2 + \\arcsin(1/2) + \\log_2 8", "\\boxed{\\ln(2) + \\pi/6 + 3}"],
        ];
        foreach (var pair in pairs)
        {
            _ = verifier.Verify(pair[1], pair[0]);
        }

        return true;
    }

    private static void ValidateTolerance(double? tolerance)
    {
        if (tolerance is { } t && (double.IsNaN(t) || t < 0 || double.IsInfinity(t)))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "Tolerance must be a finite, non-negative number.");
        }
    }

    private CheckBudget NewBudget() => new(_options.TimeBudget, _options.StepBudget);

    /// <summary>Runs a check so that nothing escapes: spent budgets and internal failures become "undecided".</summary>
    private MathVerdict Guarded(string? extracted, Func<CheckBudget, MathVerdict> check)
    {
        try
        {
            return check(NewBudget());
        }
        catch (BudgetExceededException e)
        {
            return new MathVerdict(null, extracted, "undecided: " + e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault in the verifier must never crash the caller or turn into a reward: it is "undecided".
            return new MathVerdict(null, extracted, "undecided: internal " + e.GetType().Name);
        }
    }

    /// <summary>
    /// The answer's side of a check, once the gold is understood: a budget the answer spends (its extraction, its
    /// parse, its comparison) is the answer's doing, so it is wrong, not undecided. Otherwise a policy could turn any
    /// wrong answer into a null reward (advantage 0 in GRPO) by writing it in a form too costly to check.
    /// </summary>
    private static MathVerdict ChargedToAnswer(string? extracted, Func<MathVerdict> check)
    {
        try
        {
            return check();
        }
        catch (BudgetExceededException e)
        {
            return new MathVerdict(false, extracted, "wrong: the answer could not be checked within the budget (" + e.Message + ")");
        }
    }

    private ParsedAnswer GoldAnswer(string gold, CheckBudget budget) =>
        _golds.GetOrAdd(gold, g => ParsedAnswer.Parse(g, budget, _options.MaxAnswerLength, _options.MaxNestingDepth));

    private ParsedAnswer? FirstParsed(ExtractionResult extraction, CheckBudget budget)
    {
        foreach (var candidate in extraction.Candidates)
        {
            var parsed = GoldAnswer(candidate.Text, budget);
            if (parsed.IsParsed)
            {
                return parsed;
            }
        }

        return null;
    }

    /// <summary>
    /// Null (undecided) only for what the answer cannot cause: a gold answer that is not understood. An answer that
    /// does not parse, or whose equivalence with an understood gold cannot be settled, is wrong: its form was the
    /// submission's choice, and a null there would let any wrong answer dodge its 0.
    /// </summary>
    private MathVerdict Judge(ParsedAnswer gold, ExtractionResult extraction, double? tolerance, CheckBudget budget)
    {
        if (extraction.Candidates.Count == 0)
        {
            return new MathVerdict(false, null, extraction.FailureReason ?? "no answer found");
        }

        ParsedAnswer? predicted = null;
        foreach (var candidate in extraction.Candidates)
        {
            var parsed = ParsedAnswer.Parse(candidate.Text, budget, _options.MaxAnswerLength, _options.MaxNestingDepth);
            if (gold.Normalized.Length > 0 && parsed.Normalized == gold.Normalized)
            {
                return new MathVerdict(true, candidate.Text, "identical to the gold answer");
            }

            if (parsed.IsParsed)
            {
                predicted = parsed;
                break;
            }

            predicted ??= parsed;
        }

        var extracted = predicted!.Text;
        if (!gold.IsParsed)
        {
            return new MathVerdict(null, extracted, "undecided: gold answer not understood (" + gold.Error + ")");
        }

        if (!predicted.IsParsed)
        {
            return new MathVerdict(false, extracted, "wrong: answer not understood (" + predicted.Error + ")");
        }

        var settings = tolerance is null ? _settings : _settings with { RelativeTolerance = tolerance };
        var checker = new EquivalenceChecker(settings, budget);
        Equivalence.Equivalence? result = null;
        foreach (var goldReading in gold.Readings)
        {
            foreach (var predictedReading in predicted.Readings)
            {
                var reading = checker.Compare(goldReading, predictedReading);
                result = result is { } previous ? previous.Or(reading) : reading;
                if (result == Equivalence.Equivalence.Equal)
                {
                    return new MathVerdict(true, extracted, "equivalent to the gold answer");
                }
            }
        }

        return result == Equivalence.Equivalence.Different
            ? new MathVerdict(false, extracted, "not equivalent to the gold answer")
            : new MathVerdict(false, extracted, "wrong: equivalence with the gold answer could not be established");
    }
}
