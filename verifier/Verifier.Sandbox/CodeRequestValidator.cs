using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;
using Verifier.Core.Code.Grading;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox;

/// <summary>Checks a request against the registry and the configured caps before anything runs.</summary>
internal static partial class CodeRequestValidator
{
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex EntryPointPattern();

    /// <summary>The language the request runs in; throws <see cref="CodeRequestException"/> naming the first bad field.</summary>
    public static RegisteredLanguage Validate(CodeRequest request, LanguageRegistry languages, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Language) || !languages.TryGet(request.Language, out var language))
        {
            var known = string.Join(", ", languages.All.Select(l => l.Name));
            throw new CodeRequestException("language", $"'{request.Language}' is not a sandbox language ({known})");
        }

        if (request.Code is null && request.Completion is null)
        {
            throw new CodeRequestException("completion", "a completion (or already-extracted code) is required");
        }

        var tests = request.Tests ?? throw new CodeRequestException("tests", "tests are required");
        if (!language.Language.TestKinds.Contains(tests.Kind))
        {
            throw new CodeRequestException("tests.kind", $"{language.Name} does not support '{tests.Kind.ToWireName()}' tests");
        }

        if (tests.Count < 1 || tests.Count > options.MaxTests)
        {
            throw new CodeRequestException("tests.cases", $"between 1 and {options.MaxTests} cases are required, got {tests.Count}");
        }

        if (tests is IoTests { Tolerance: not null, Checker.Kind: not CheckerKind.Tokens })
        {
            throw new CodeRequestException("tests.tolerance", "a tolerance applies to the tokens checker only (the float checker takes its own)");
        }

        if (tests is IoTests { Checker.Program: { } checker })
        {
            ValidateChecker(checker, languages, options);
        }

        if (tests is AssertTests && request.Scoring is CodeScoring.Weighted or CodeScoring.Subtasks)
        {
            throw new CodeRequestException("scoring", "weighted and subtask scoring need io or function cases");
        }

        if (ScoringRules.Check(request.Scoring, tests.Count, request.Weights, request.Subtasks).FirstOrDefault() is { Field: not null } problem)
        {
            throw new CodeRequestException(problem.Field, problem.Message);
        }

        long bytes = 0;
        switch (tests)
        {
            case IoTests io:
                for (var i = 0; i < io.Cases.Count; i++)
                {
                    var c = io.Cases[i] ?? throw new CodeRequestException($"tests.cases[{i}]", "is null");
                    if (c.Stdin is null || c.Stdout is null)
                    {
                        throw new CodeRequestException($"tests.cases[{i}]", "stdin and stdout are required");
                    }

                    bytes += Encoding.UTF8.GetByteCount(c.Stdin);
                }

                break;

            case FunctionTests function:
                EntryPoint(function.EntryPoint);
                for (var i = 0; i < function.Cases.Count; i++)
                {
                    var c = function.Cases[i] ?? throw new CodeRequestException($"tests.cases[{i}]", "is null");
                    if (c.Args.ValueKind != JsonValueKind.Array)
                    {
                        throw new CodeRequestException($"tests.cases[{i}].args", "must be a JSON array of arguments");
                    }

                    if (c.Expected.ValueKind == JsonValueKind.Undefined)
                    {
                        throw new CodeRequestException($"tests.cases[{i}].expected", "is required");
                    }

                    bytes += c.Args.GetRawText().Length;
                }

                break;

            case AssertTests assert:
                EntryPoint(assert.EntryPoint);
                if (string.IsNullOrWhiteSpace(assert.Code))
                {
                    throw new CodeRequestException("tests.code", "the test code is required");
                }

                bytes += Encoding.UTF8.GetByteCount(assert.Code);
                break;
        }

        if (bytes > options.MaxTestDataMb * 1024L * 1024L)
        {
            throw new CodeRequestException("tests", $"the tests' inputs exceed {options.MaxTestDataMb} MB");
        }

        if (request.Limits is { TimeMs: { } time } && (time < 1 || time > options.MaxTimeMs))
        {
            throw new CodeRequestException("limits.timeMs", $"must lie between 1 and {options.MaxTimeMs}");
        }

        if (request.Limits is { MemoryMb: { } memory } && (memory < options.MinMemoryMb || memory > options.MaxMemoryMb))
        {
            throw new CodeRequestException("limits.memoryMb", $"must lie between {options.MinMemoryMb} and {options.MaxMemoryMb}");
        }

        ValidateFiles(request, language, options);
        return language;
    }

    private static void EntryPoint(string? entryPoint)
    {
        if (string.IsNullOrWhiteSpace(entryPoint) || !EntryPointPattern().IsMatch(entryPoint))
        {
            throw new CodeRequestException("tests.entryPoint", $"'{entryPoint}' is not a function name (name, or Class.method)");
        }
    }

    // Checker file names are flat and never one of the three files each check writes: those are rewritten per check.
    [GeneratedRegex(@"^[A-Za-z0-9_+][A-Za-z0-9_.+-]*$")]
    private static partial Regex CheckerFileName();

    private static void ValidateChecker(CustomChecker checker, LanguageRegistry languages, SandboxOptions options)
    {
        if (!languages.TryGet(checker.Language ?? "", out var language) || !language.Language.TestKinds.Contains(CodeTestKind.Io))
        {
            throw new CodeRequestException("tests.checker.language", $"'{checker.Language}' is not a sandbox language that runs programs");
        }

        if (string.IsNullOrWhiteSpace(checker.Code) || Encoding.UTF8.GetByteCount(checker.Code) > options.MaxCodeKb * 1024)
        {
            throw new CodeRequestException("tests.checker.code", $"a checker source of 1 byte to {options.MaxCodeKb} KB");
        }

        foreach (var name in checker.Files.Keys)
        {
            if (!CheckerFileName().IsMatch(name) || name.Length > 128 || CustomChecker.ArgumentFiles.Contains(name))
            {
                throw new CodeRequestException("tests.checker.files", $"'{name}' is not a checker file name (flat, not {string.Join(", ", CustomChecker.ArgumentFiles)})");
            }
        }

        if (checker.Limits is { } limits
            && (limits.TimeMs is < 1 || limits.TimeMs > options.MaxTimeMs || limits.MemoryMb < options.MinMemoryMb || limits.MemoryMb > options.MaxMemoryMb))
        {
            throw new CodeRequestException("tests.checker.limits", "the checker's limits are outside the sandbox's bounds");
        }
    }
}
