using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Forging a C# <c>assert</c> pass by shadowing what the tests call: the submission's global-namespace types (public
/// or internal: the tests see its internals) are looked up before the tests' <c>using</c> directives. Before the fix, a no-op <c>Debug</c> class got a wrong
/// <c>Add</c> accepted. Such submissions are refused (VER0002).
/// </summary>
public sealed class CSharpShadowingTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    public static TheoryData<SandboxMode, string, string> Shadows()
    {
        (string Code, string Tests)[] attacks =
        [
            ("public static class Debug { public static void Assert(bool c) { } }\npublic static class Solution { public static int Add(int a, int b) => 0; }",
                "using System.Diagnostics;\nDebug.Assert(Add(2, 3) == 5);"),
            ("public static class System { public static class Diagnostics { public static class Debug { public static void Assert(bool c) { } } } }\npublic static class Solution { public static int Add(int a, int b) => 0; }",
                "System.Diagnostics.Debug.Assert(Add(2, 3) == 5);"),
            ("public static class Fake { public static bool SequenceEqual<T>(this IEnumerable<T> a, IEnumerable<T> b) => true; }\npublic static class Solution { public static int[] Sorted(int[] a) => a; }",
                "System.Diagnostics.Debug.Assert(Sorted(new[] { 3, 1, 2 }).SequenceEqual(new[] { 1, 2, 3 }));"),
            // The tests see the submission's internal types too (MultiPL-E's class Problem is internal), so internal ones are refused alike.
            ("static class Debug { public static void Assert(bool c) { } }\nclass Solution { public static int Add(int a, int b) => 0; }",
                "using System.Diagnostics;\nDebug.Assert(Add(2, 3) == 5);"),
            ("static class Fake { public static bool SequenceEqual<T>(this IEnumerable<T> a, IEnumerable<T> b) => true; }\nclass Solution { public static int[] Sorted(int[] a) => a; }",
                "System.Diagnostics.Debug.Assert(Sorted(new[] { 3, 1, 2 }).SequenceEqual(new[] { 1, 2, 3 }));"),
            // Query syntax calls Select without naming it: any global extension could take its place.
            ("static class Fake { public static IEnumerable<int> Select<T>(this IEnumerable<T> a, Func<T, int> f) => new[] { 1, 2, 3 }; }\nclass Solution { public static int[] Sorted(int[] a) => a; }",
                "System.Diagnostics.Debug.Assert((from x in Sorted(new[] { 3, 1, 2 }) select x).SequenceEqual(new[] { 1, 2, 3 }));"),
        ];
        var data = new TheoryData<SandboxMode, string, string>();
        foreach (var mode in new[] { SandboxMode.Fast, SandboxMode.Strict })
        {
            foreach (var (code, tests) in attacks)
            {
                data.Add(mode, code, tests);
            }
        }

        return data;
    }

    [Theory, MemberData(nameof(Shadows))]
    public async Task SubmissionTypesThatWouldShadowWhatTheTestsCall_AreRefused(SandboxMode mode, string code, string tests)
    {
        var entry = code.Contains("Sorted", StringComparison.Ordinal) ? "Sorted" : "Add";

        var verdict = await ExpectAsync(mode, CSharp(code, Checks(entry, tests)), CodeVerdictKind.CompileError);

        // A global class System already breaks the submission's own global usings (CS0138); the others are VER0002.
        Assert.Matches(@"error (VER0002|CS0138)", verdict.Reason);
    }
}
