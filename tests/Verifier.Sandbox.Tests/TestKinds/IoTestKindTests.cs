using System.Text;
using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.TestKinds;

[Collection(SandboxCollection.Name)]
public class IoTestKindTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Fact]
    public async Task Verify_StreamsInputAndOutputLargerThanAPipe()
    {
        // 4 MB in, 600 KB out: the supervisor feeds stdin while it drains stdout, so neither side blocks.
        var input = new StringBuilder();
        for (var i = 0; i < 400_000; i++)
        {
            input.Append(i % 10).Append("________\n");
        }

        const string code = "import sys\ndata = sys.stdin.read()\nprint(len(data))\nsys.stdout.write('y' * 600_000 + '\\n')\n";
        var expected = $"{input.Length}\n{new string('y', 600_000)}\n";

        var verdict = await _sandbox.VerifyAsync(Python(code, Io((input.ToString(), expected))));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_ComparesNumbersWithToleranceAndLinesStrictly()
    {
        var verdict = await _sandbox.VerifyAsync(Python(
            "print(1 / 3)\nprint('YES  ', 10 ** 20)\n\n\n",
            Io(("", "0.333333\nYES 100000000000000000000"), ("", "0.333333\nYES 100000000000000000001"), ("", "0.333333\nYES 100000000000000000000\nextra")),
            runAll: true));

        Assert.Equal([CodeVerdictKind.Accepted, CodeVerdictKind.WrongAnswer, CodeVerdictKind.WrongAnswer], verdict.Tests.Select(t => t.Verdict));
    }

    [Fact]
    public async Task Verify_HandlesUnicodeBothWays()
    {
        var verdict = await _sandbox.VerifyAsync(Python("s = input()\nprint(s[::-1], len(s))\n", Io(("héllo wörld ✓", "✓ dlröw olléh 13"))));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_CppCompletionIsExtractedFromItsFence()
    {
        var request = new CodeRequest
        {
            Language = "cpp",
            Completion = "<think>Use long long.</think>\n<answer>\n```c++\n#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a * b << std::endl; }\n```\n</answer>",
            Tests = Io(("3000000 3000000", "9000000000000")),
            IsolationKey = Key,
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }
}
