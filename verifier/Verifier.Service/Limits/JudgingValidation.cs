using System.Globalization;
using Verifier.Contracts;
using CodeScoring = Verifier.Core.Code.CodeScoring;
using Verifier.Core.Code.Grading;
using Verifier.Sandbox;

namespace Verifier.Service.Limits;

/// <summary>
/// The checks on how a code item is judged: its io checker and its scoring mode's weights or subtasks. Each error names
/// its field by JSON path (<c>items[3].code.tests.checker.type</c>); the scoring rules themselves are Core's
/// (<see cref="ScoringRules"/>), shared with the sandbox's own validation.
/// </summary>
internal static class JudgingValidation
{
    public static readonly IReadOnlyList<string> Modes = [ScoringModes.Binary, ScoringModes.Fraction, ScoringModes.Weighted, ScoringModes.Subtasks];

    private static readonly IReadOnlyList<string> Checkers =
        [CheckerTypes.Tokens, CheckerTypes.Exact, CheckerTypes.Lines, CheckerTypes.Float, CheckerTypes.Unordered, CheckerTypes.Custom];

    /// <param name="at">The tests' path (<c>items[i].code.tests</c>).</param>
    /// <param name="languages">The languages a custom checker may be written in: those that run io programs.</param>
    /// <param name="sandbox">The sandbox's bounds, which a custom checker's source and limits keep to.</param>
    public static void ValidateChecker(CodeTests tests, string at, IEnumerable<string> languages, SandboxOptions sandbox, ValidationErrors errors)
    {
        if (tests.Checker is not { } checker)
        {
            return;
        }

        if (tests.Kind != TestKinds.Io)
        {
            errors.Add($"{at}.checker", "checkers apply to io tests only: function tests compare the returned JSON (tolerance sets its numbers' tolerance)");
            return;
        }

        var type = checker.Type;
        if (type is null || !Checkers.Contains(type))
        {
            errors.Add($"{at}.checker.type", $"one of {string.Join(", ", Checkers)}, got '{type}'");
            return;
        }

        if (type == CheckerTypes.Custom)
        {
            CustomCheckerValidation.Validate(checker, $"{at}.checker", languages, sandbox, errors);
        }
        else
        {
            OnlyFor(checker.Language, "language", CheckerTypes.Custom, at, errors);
            OnlyFor(checker.Code, "code", CheckerTypes.Custom, at, errors);
            OnlyFor(checker.Files, "files", CheckerTypes.Custom, at, errors);
            OnlyFor(checker.Limits, "limits", CheckerTypes.Custom, at, errors);
        }

        if (type == CheckerTypes.Float)
        {
            if (checker.Absolute is { } absolute && !(double.IsFinite(absolute) && absolute >= 0))
            {
                errors.Add($"{at}.checker.absolute", "a finite absolute tolerance of 0 or more");
            }

            if (checker.Relative is { } relative && !(double.IsFinite(relative) && relative is >= 0 and < 1))
            {
                errors.Add($"{at}.checker.relative", "a relative tolerance from 0 to below 1");
            }
        }
        else
        {
            OnlyFor(checker.Absolute, "absolute", CheckerTypes.Float, at, errors);
            OnlyFor(checker.Relative, "relative", CheckerTypes.Float, at, errors);
        }

        if (type == CheckerTypes.Unordered)
        {
            if (checker.By is not (null or "lines" or "tokens"))
            {
                errors.Add($"{at}.checker.by", $"lines or tokens, got '{checker.By}'");
            }
        }
        else
        {
            OnlyFor(checker.By, "by", CheckerTypes.Unordered, at, errors);
        }

        if (tests.Tolerance is not null && type != CheckerTypes.Tokens)
        {
            errors.Add($"{at}.tolerance", "a tolerance applies to the tokens checker only; the float checker takes absolute and relative");
        }
    }

    /// <summary>Checks the weights and subtasks against the mode; the cases are already known to be present and within limits.</summary>
    /// <param name="at">The code spec's path (<c>items[i].code</c>).</param>
    public static void ValidateScoring(CodeSpec code, string at, ValidationErrors errors)
    {
        var tests = code.Tests;
        var mode = ModeOf(code.Scoring);
        if (tests.Kind == TestKinds.Assert)
        {
            if (mode is CodeScoring.Weighted or CodeScoring.Subtasks)
            {
                errors.Add($"{at}.scoring", "weighted and subtasks scoring need io or function cases; an assert block is one test");
            }

            return;
        }

        var cases = tests.Cases!;
        IReadOnlyList<double>? weights = null;
        if (mode == CodeScoring.Weighted)
        {
            weights = [.. cases.Select(c => c?.Weight ?? 1)];
        }
        else if (cases.Select((c, i) => (c, i)).FirstOrDefault(x => x.c?.Weight is not null) is { c: not null } weighted)
        {
            errors.Add($"{at}.tests.cases[{weighted.i.ToString(CultureInfo.InvariantCulture)}].weight", "a weight applies only to scoring 'weighted'");
        }

        var subtasks = tests.Subtasks?.Select((s, j) => s is null ? null : ToCore(s, j, $"{at}.tests.subtasks[{j.ToString(CultureInfo.InvariantCulture)}]", errors)).ToList();
        var problems = ScoringRules.Check(mode, cases.Count, weights, subtasks, i => $"cases[{i.ToString(CultureInfo.InvariantCulture)}].weight", "cases");
        foreach (var problem in problems)
        {
            errors.Add($"{at}.tests.{problem.Field}", problem.Message);
        }
    }

    /// <summary>The Core mode of a validated wire scoring name.</summary>
    public static CodeScoring ModeOf(string? scoring) => scoring switch
    {
        ScoringModes.Fraction => CodeScoring.Fraction,
        ScoringModes.Weighted => CodeScoring.Weighted,
        ScoringModes.Subtasks => CodeScoring.Subtasks,
        _ => CodeScoring.Binary,
    };

    /// <summary>The Core subtask of a wire one; a missing name becomes <c>subtask j</c>.</summary>
    public static Subtask ToCore(SubtaskSpec spec, int index) =>
        new(spec.Name ?? $"subtask {index.ToString(CultureInfo.InvariantCulture)}", spec.Points ?? 0, spec.Tests ?? []);

    private static Subtask ToCore(SubtaskSpec spec, int index, string at, ValidationErrors errors)
    {
        if (spec.Points is null)
        {
            errors.Add($"{at}.points", "required: what the subtask is worth, 0 or more");
        }

        return ToCore(spec, index);
    }

    private static void OnlyFor(object? value, string field, string checker, string at, ValidationErrors errors)
    {
        if (value is not null)
        {
            errors.Add($"{at}.checker.{field}", $"applies only to the {checker} checker");
        }
    }
}
