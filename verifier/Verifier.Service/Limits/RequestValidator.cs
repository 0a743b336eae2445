using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Verifier.Contracts;
using Verifier.Sandbox;
using Verifier.Service.Pipeline;
using Verifier.Service.Scoring;

namespace Verifier.Service.Limits;

/// <summary>
/// Checks a parsed request against the configured limits and the known languages and reward components,
/// before any work starts, so a bad item fails the request with a message that names its field.
/// </summary>
internal sealed partial class RequestValidator(IOptions<RequestLimits> limits, IOptions<SandboxOptions> sandbox, ScoringCatalog catalog)
    : IRequestValidator<VerifyRequest>
{
    private readonly RequestLimits _limits = limits.Value;

    // Time and memory bounds are the sandbox's own, so the two can never disagree.
    private readonly SandboxOptions _sandbox = sandbox.Value;

    public ValidationErrors Validate(VerifyRequest? request)
    {
        var errors = new ValidationErrors();
        if (CheckBatch(request?.Items, _limits, errors) is { } items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                ValidateItem(items[i], $"items[{i}]", errors);
            }
        }

        return errors;
    }

    /// <summary>The <c>items</c> array of a batch request: present, not empty, within <c>Limits:MaxItems</c>; null when its items cannot be checked.</summary>
    internal static IReadOnlyList<T>? CheckBatch<T>(IReadOnlyList<T>? items, RequestLimits limits, ValidationErrors errors)
    {
        if (items is null)
        {
            errors.Add("items", "required: a non-empty array of items");
            return null;
        }

        if (items.Count == 0)
        {
            errors.Add("items", "must hold at least one item");
        }
        else if (items.Count > limits.MaxItems)
        {
            errors.AddTooLarge("items", $"{items.Count} items; at most {limits.MaxItems} per request");
            return null;
        }

        return items;
    }

    private void ValidateItem(VerifyItem? item, string at, ValidationErrors errors)
    {
        if (item is null)
        {
            errors.Add(at, "must be an object");
            return;
        }

        if (item.Completion is null)
        {
            errors.Add($"{at}.completion", "required");
        }
        else if (item.Completion.Length > _limits.MaxCompletionChars)
        {
            errors.AddTooLarge($"{at}.completion", $"{item.Completion.Length} characters; at most {_limits.MaxCompletionChars}");
        }

        if (item.Id is { Length: var idLength } && idLength > _limits.MaxIdChars)
        {
            errors.Add($"{at}.id", $"at most {_limits.MaxIdChars} characters");
        }

        if (item.Math is null && item.Code is null && item.Format is null && item.Rewards is not { Count: > 0 })
        {
            errors.Add(at, "nothing to score: give math, code, format or rewards");
        }

        if (item.Math is not null && item.Code is not null)
        {
            errors.Add(at, "give math or code, not both: each is the accuracy component");
        }

        if (item.Math is { } math)
        {
            ValidateMath(math, $"{at}.math", errors);
        }

        if (item.Code is { } code)
        {
            ValidateCode(code, $"{at}.code", errors);
        }

        if (item.Format is { } format && !catalog.FormatTemplates.Contains(format.Template))
        {
            errors.Add($"{at}.format.template", $"unknown template '{format.Template}'; known: {string.Join(", ", catalog.FormatTemplates)}");
        }

        if (item.Weights is { } weights)
        {
            CheckFinite(weights.Accuracy, $"{at}.weights.accuracy", errors);
            CheckFinite(weights.Format, $"{at}.weights.format", errors);
        }

        if (item.Rewards is { } rewards)
        {
            ValidateRewards(rewards, $"{at}.rewards", errors);
        }

        if (item.Metadata is { } metadata && (metadata.Count > 64 || metadata.Any(m => m.Key.Length > 256 || m.Value is not { Length: <= 4096 })))
        {
            errors.Add($"{at}.metadata", "at most 64 entries, keys up to 256 and values up to 4096 characters");
        }
    }

    private void ValidateMath(MathSpec math, string at, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(math.Gold))
        {
            errors.Add($"{at}.gold", "required and not blank");
        }
        else if (math.Gold.Length > _limits.MaxGoldChars)
        {
            errors.AddTooLarge($"{at}.gold", $"{math.Gold.Length} characters; at most {_limits.MaxGoldChars}");
        }

        if (math.Tolerance is { } tolerance && !IsRelativeTolerance(tolerance))
        {
            errors.Add($"{at}.tolerance", "a relative tolerance from 0 (exact) to below 1");
        }

        if (!MathExtraction.IsKnown(math.Extract))
        {
            errors.Add($"{at}.extract", $"'{MathExtraction.Completion}' (the default) or '{MathExtraction.Answer}'");
        }
    }

    private void ValidateCode(CodeSpec code, string at, ValidationErrors errors)
    {
        if (!catalog.Languages.TryGetValue(code.Language ?? "", out var kinds))
        {
            errors.Add($"{at}.language", $"unknown language '{code.Language}'; known: {string.Join(", ", catalog.Languages.Keys)}");
            kinds = null;
        }

        if (code.Scoring is not null && !JudgingValidation.Modes.Contains(code.Scoring))
        {
            errors.Add($"{at}.scoring", $"one of {string.Join(", ", JudgingValidation.Modes)}");
        }

        ValidateLimits(code.Limits, _sandbox, $"{at}.limits", errors);

        FilesValidation.Validate(code, kinds is null ? null : catalog.ReservedPaths.GetValueOrDefault(code.Language!), _sandbox, at, errors);
        if (code.Tests is not { } tests)
        {
            errors.Add($"{at}.tests", "required");
            return;
        }

        if (kinds is not null && !kinds.Contains(tests.Kind ?? ""))
        {
            errors.Add($"{at}.tests.kind", $"'{tests.Kind}' is not supported for {code.Language}; supported: {string.Join(", ", kinds)}");
            return;
        }

        var programLanguages = catalog.Languages.Where(l => l.Value.Contains(TestKinds.Io)).Select(l => l.Key);
        JudgingValidation.ValidateChecker(tests, $"{at}.tests", programLanguages, _sandbox, errors);
        if (ValidateTests(tests, $"{at}.tests", errors))
        {
            JudgingValidation.ValidateScoring(code, at, errors);
        }
    }

    /// <summary>A code item's or a run's limits, within the sandbox's own bounds (so the two can never disagree).</summary>
    internal static void ValidateLimits(CodeLimits? limits, SandboxOptions sandbox, string at, ValidationErrors errors)
    {
        if (limits is null)
        {
            return;
        }

        if (limits.TimeMs is < 1 || limits.TimeMs > sandbox.MaxTimeMs)
        {
            errors.Add($"{at}.timeMs", $"from 1 to {sandbox.MaxTimeMs}");
        }

        if (limits.MemoryMb < sandbox.MinMemoryMb || limits.MemoryMb > sandbox.MaxMemoryMb)
        {
            errors.Add($"{at}.memoryMb", $"from {sandbox.MinMemoryMb} to {sandbox.MaxMemoryMb}");
        }
    }

    /// <summary>Math answers and code tests take the same kind of tolerance: relative, from 0 (exact) to below 1.</summary>
    private static bool IsRelativeTolerance(double tolerance) => double.IsFinite(tolerance) && tolerance is >= 0 and < 1;

    /// <returns>Whether the cases (or the assert code) are there and within limits, so the scoring can be checked against them.</returns>
    private bool ValidateTests(CodeTests tests, string at, ValidationErrors errors)
    {
        long bytes = 0;
        if (tests.Tolerance is { } tolerance)
        {
            if (tests.Kind == TestKinds.Assert)
            {
                errors.Add($"{at}.tolerance", "only io and function tests compare numbers; assert tests check their own");
            }
            else if (!IsRelativeTolerance(tolerance))
            {
                errors.Add($"{at}.tolerance", "a relative tolerance from 0 (exact) to below 1");
            }
        }

        if (tests.Kind is TestKinds.Function or TestKinds.Assert)
        {
            if (tests.EntryPoint is null || !EntryPointPattern().IsMatch(tests.EntryPoint))
            {
                errors.Add($"{at}.entryPoint", "required: an identifier such as solve or Solution.Add");
            }
        }

        if (tests.Kind == TestKinds.Assert)
        {
            if (string.IsNullOrWhiteSpace(tests.Code))
            {
                errors.Add($"{at}.code", "required for assert tests");
            }

            bytes += Utf8(tests.Code);
        }
        else
        {
            var cases = tests.Cases;
            if (cases is not { Count: > 0 })
            {
                errors.Add($"{at}.cases", "at least one case is required");
                return false;
            }

            if (cases.Count > _limits.MaxTestsPerItem)
            {
                errors.AddTooLarge($"{at}.cases", $"{cases.Count} cases; at most {_limits.MaxTestsPerItem}");
                return false;
            }

            for (var i = 0; i < cases.Count; i++)
            {
                bytes += ValidateCase(tests.Kind!, cases[i], $"{at}.cases[{i}]", errors);
            }
        }

        if (bytes > _limits.MaxTestIoBytes)
        {
            errors.AddTooLarge(at, $"{bytes} bytes of test input and expected output; at most {_limits.MaxTestIoBytes}");
            return false;
        }

        return true;
    }

    private static long ValidateCase(string kind, TestCase? test, string at, ValidationErrors errors)
    {
        if (test is null)
        {
            errors.Add(at, "must be an object");
            return 0;
        }

        if (kind == TestKinds.Io)
        {
            if (test.Stdout is null)
            {
                errors.Add($"{at}.stdout", "required for io tests");
            }

            return Utf8(test.Stdin) + Utf8(test.Stdout);
        }

        if (test.Args is not { ValueKind: JsonValueKind.Array } args)
        {
            errors.Add($"{at}.args", "required: a JSON array of arguments");
            return 0;
        }

        if (test.Expected is not { } expected)
        {
            errors.Add($"{at}.expected", "required for function tests");
            return 0;
        }

        return args.GetRawText().Length + expected.GetRawText().Length;
    }

    private void ValidateRewards(IReadOnlyDictionary<string, double> rewards, string at, ValidationErrors errors)
    {
        if (rewards.Count > _limits.MaxRewardScripts)
        {
            errors.Add(at, $"at most {_limits.MaxRewardScripts} named rewards");
            return;
        }

        foreach (var (name, weight) in rewards)
        {
            if (!catalog.RewardComponents.Contains(name))
            {
                var known = catalog.RewardComponents.Count == 0 ? "none are configured" : $"known: {string.Join(", ", catalog.RewardComponents)}";
                errors.Add($"{at}.{name}", $"unknown reward '{name}'; {known}");
            }

            CheckFinite(weight, $"{at}.{name}", errors);
        }
    }

    private static void CheckFinite(double value, string at, ValidationErrors errors)
    {
        if (!double.IsFinite(value))
        {
            errors.Add(at, "must be a finite number");
        }
    }

    private static long Utf8(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,127}(\.[A-Za-z_][A-Za-z0-9_]{0,127})?$")]
    private static partial Regex EntryPointPattern();
}
