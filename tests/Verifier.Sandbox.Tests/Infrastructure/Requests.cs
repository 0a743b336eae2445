using System.Text.Json;
using Verifier.Core.Code;

namespace Verifier.Sandbox.Tests.Infrastructure;

/// <summary>Short ways to write requests in tests.</summary>
internal static class Requests
{
    public const string Key = "tests";

    public static CodeRequest Python(string code, CodeTests tests, int? timeMs = null, int? memoryMb = null, string? key = Key, bool runAll = false, CodeScoring scoring = CodeScoring.Binary) =>
        Make("python", code, tests, timeMs, memoryMb, key, runAll, scoring);

    public static CodeRequest Cpp(string code, CodeTests tests, int? timeMs = null, int? memoryMb = null, string? key = Key, bool runAll = false, CodeScoring scoring = CodeScoring.Binary) =>
        Make("cpp", code, tests, timeMs, memoryMb, key, runAll, scoring);

    public static CodeRequest CSharp(string code, CodeTests tests, int? timeMs = null, int? memoryMb = null, string? key = Key, bool runAll = false, CodeScoring scoring = CodeScoring.Binary) =>
        Make("csharp", code, tests, timeMs, memoryMb, key, runAll, scoring);

    public static CodeRequest Make(string language, string code, CodeTests tests, int? timeMs, int? memoryMb, string? key, bool runAll, CodeScoring scoring) => new()
    {
        Language = language,
        Code = code,
        Tests = tests,
        Limits = timeMs is null && memoryMb is null ? null : new CodeLimits(timeMs, memoryMb),
        IsolationKey = key,
        RunAllTests = runAll,
        Scoring = scoring,
    };

    public static IoTests Io(params (string Stdin, string Stdout)[] cases) => new([.. cases.Select(c => new IoCase(c.Stdin, c.Stdout))]);

    /// <summary>One case with no input, for programs that only print.</summary>
    public static IoTests Prints(string stdout) => Io(("", stdout));

    public static FunctionTests Function(string entryPoint, params (string Args, string Expected)[] cases) =>
        new(entryPoint, [.. cases.Select(c => new FunctionCase(Json(c.Args), Json(c.Expected)))]);

    public static AssertTests Checks(string entryPoint, string code) => new(entryPoint, code);

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
