using Verifier.Core.Code;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Languages.Compiled;
using Verifier.Sandbox.Languages.Scripts;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Files;

/// <summary>
/// A language's <see cref="ISandboxLanguage.ReservedPaths"/> is what lets the service refuse a colliding extra file
/// with a 400: it must name every file the language writes, for every test kind, or the list has drifted.
/// </summary>
public class ReservedPathsTests
{
    public static TheoryData<string> Languages => ["python", "cpp", "go", "rust", "java", "javascript", "typescript", "bash", "ruby", "php", "lua", "perl"];

    private static ISandboxLanguage Create(string name) => name switch
    {
        "python" => new PythonLanguage(),
        "cpp" => new CppLanguage(),
        "go" => new GoLanguage(),
        "rust" => new RustLanguage(),
        "java" => new JavaLanguage(),
        "javascript" => new JavaScriptLanguage(),
        "typescript" => new TypeScriptLanguage(),
        "bash" => new BashLanguage(),
        "ruby" => new RubyLanguage(),
        "php" => new PhpLanguage(),
        "lua" => new LuaLanguage(),
        _ => new PerlLanguage(),
    };

    private static CodeTests TestsOf(CodeTestKind kind) => kind switch
    {
        CodeTestKind.Io => Prints("1"),
        CodeTestKind.Function => Function("f", ("[1]", "1")),
        _ => Checks("f", "check(f)"),
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task EveryFileTheLanguagePrepares_IsReserved(string name)
    {
        var language = Create(name);
        foreach (var kind in language.TestKinds)
        {
            // Java names the source after the submission's public class: that one is checked once prepared, not here.
            var prepared = await language.PrepareAsync(new PrepareContext("class Solution {}", TestsOf(kind), 1000, 256), CancellationToken.None);
            var files = prepared.Program!.Files.Keys.Where(f => !(name == "java" && f == "Main.java"));

            Assert.All(files, f => Assert.Contains(f, language.ReservedPaths));
        }
    }
}
