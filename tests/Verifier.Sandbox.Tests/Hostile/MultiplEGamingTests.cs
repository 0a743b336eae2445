using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using Verifier.Sandbox.Tests.Languages;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Hostile;

/// <summary>
/// MultiPL-E-layout assert submissions (the submission and the tests in one process) that try to pass a wrong answer:
/// each attacks what ends the tests' run in its language. None may be accepted, and none may turn its 0 into a null.
/// </summary>
[Collection(SandboxCollection.Name)]
public class MultiplEGamingTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    public static TheoryData<string, string> Attacks => new()
    {
        // Lua: run the verifier's luaunit early, from the submission's own lines, with a test of its own, then leave.
        { "lua", "function test_mine() end\nos.exit(require('luaunit').LuaUnit.run())\nlocal function add(a, b) return a - b end\n" },
        // ... or through a tail call from a function it wraps, so that the caller frame looks like the main chunk's.
        { "lua", "local lu = require('luaunit')\nlocal real = lu.LuaUnit.run\nfunction test_mine() end\nlocal function again() return real() end\nos.exit(again())\nlocal function add(a, b) return a - b end\n" },
        // ... or swap every test function the tests define for a no-op, through a metatable on the globals.
        { "lua", "setmetatable(_G, { __newindex = function(t, k, v) rawset(t, k, type(v) == 'function' and function() end or v) end })\nlocal function add(a, b) return a - b end\n" },
        // ... or hand the tests a luaunit whose assertions do nothing.
        { "lua", "package.loaded.luaunit = setmetatable({ assertEquals = function() end }, { __index = require('luaunit') })\nlocal function add(a, b) return a - b end\n" },
        // Ruby: an exit hook that turns test/unit's failure into exit status 0.
        { "ruby", "at_exit { exit!(0) }\ndef add(a, b)\n  a - b\nend\n" },
        // Ruby: print what a passing test/unit run prints.
        { "ruby", "puts '1 tests, 1 assertions, 0 failures, 0 errors'\ndef add(a, b)\n  a - b\nend\n" },
        // Rust: a macro that shadows the tests' assert_eq!.
        { "rust", "macro_rules! assert_eq { ($a:expr, $b:expr) => {}; }\nfn add(a: i64, b: i64) -> i64 { a - b }\n" },
        // Go: a TestMain of its own that reports success without running the tests.
        { "go", "package add_test\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\nfunc TestMain(m *testing.M) { os.Exit(0) }\n\nfunc add(a int, b int) int {\n\treturn a - b\n}\n" },
        // Java: leave from inside the call the tests make.
        { "java", "class Problem {\n    public static long add(long a, long b) {\n        System.exit(0);\n        return 0;\n    }\n" },
        // JavaScript: find the prologue's handle by reading the program's own source.
        { "javascript", "let src = ''; try { src = require('fs').readFileSync(__filename, 'utf8'); } catch (e) { }\nconst m = /const (__vfy_[0-9a-f]+)/.exec(src);\nif (m) { eval(m[1])(); process.exit(0); }\nfunction add(a, b) { return a - b; }\n" },
        // JavaScript: write something on the marker descriptor, then leave.
        { "javascript", "try { require('fs').writeSync(4, 'passed'); } catch (e) { }\nprocess.exit(0);\nfunction add(a, b) { return a - b; }\n" },
        // PHP: end the script cleanly before the tests.
        { "php", "<?php\nfunction add($a, $b) { return $a - $b; }\nreturn;\n" },
        // Perl: an END block that turns the tests' `exit 1` into 0.
        { "perl", "END { $? = 0; }\nsub add { my ($a, $b) = @_; return $a - $b; }\n" },
        // Bash: turn the tests' set -e failure into a clean exit.
        { "bash", "trap 'exit 0' EXIT\nadd() {\n    echo $(( $1 - $2 ))\n}\n" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task WrongAnswerThatTriesToEndTheTestsEarly_IsNotAccepted(string language, string code)
    {
        var tests = Checks("add", LanguageSamples.All[language].AddTests);

        var verdict = await _sandbox.VerifyAsync(Make(language, code, tests, timeMs: 10_000, memoryMb: null, Key, runAll: false, CodeScoring.Binary));

        Assert.True(verdict.Verdict is not CodeVerdictKind.Accepted && verdict.Reward is 0.0, LanguageVerdictTests.Describe(verdict));
    }
}
