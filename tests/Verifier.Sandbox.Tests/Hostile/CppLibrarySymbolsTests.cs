using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Core.Code;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Hostile;

/// <summary>
/// Defect 8a of issue 12. The C++ assert build lists the libraries' symbols with nm so that a candidate cannot export,
/// and so replace, any of them (__assert_fail, abort...). An nm that failed emptied the list without a word and the
/// build went on: it failed open, and an honest submission was even accepted. Here the real build runs in the real
/// image with an nm that fails, or lists nothing, for the shared libraries: the build must stop, and the verdict is
/// infra_error with no reward, not a compile error charged to the submission.
/// </summary>
[Collection(SandboxCollection.Name)]
public class CppLibrarySymbolsTests
{
    private const string Tests = "#include <cassert>\nint answer();\nint main() {\n  assert(answer() == 42);\n}\n";
    private const string Honest = "int answer() { return 42; }\n";

    // Only the libraries' listing breaks: nm on the tests' object still works, as it would with a broken libc.so.6.
    private const string FailingNm = "#!/bin/sh\ncase \" $* \" in *\" -D \"*) echo \"nm: file format not recognized\" >&2; exit 1 ;; esac\nexec /usr/bin/nm \"$@\"\n";
    private const string SilentNm = "#!/bin/sh\ncase \" $* \" in *\" -D \"*) exit 0 ;; esac\nexec /usr/bin/nm \"$@\"\n";
    private const string WorkingNm = "#!/bin/sh\nexec /usr/bin/nm \"$@\"\n";

    [Theory]
    [InlineData(FailingNm)]
    [InlineData(SilentNm)]
    public async Task AssertBuild_WhenNmCannotListTheLibraries_IsInfraErrorNotAccepted(string nm)
    {
        var verdict = await VerifyWithNmAsync(nm);

        Assert.True(verdict.Verdict == CodeVerdictKind.InfraError, $"{verdict.Verdict}: {verdict.Reason}");
        Assert.Null(verdict.Reward);
        Assert.Contains("toolchain failure: nm", verdict.Reason, StringComparison.Ordinal);
    }

    /// <summary>The control: the same shim in front of the real nm changes nothing.</summary>
    [Fact]
    public async Task AssertBuild_WithAWorkingNmShim_IsAccepted()
    {
        var verdict = await VerifyWithNmAsync(WorkingNm);

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, $"{verdict.Verdict}: {verdict.Reason}");
    }

    private static async Task<CodeVerdict> VerifyWithNmAsync(string nm)
    {
        await using var host = await SandboxHost.StartAsync(
            o => o.WarmContainers = 0,
            addServices: s => s.AddSingleton<ISandboxLanguage>(new CppWithNm(nm)));
        return await host.Sandbox.VerifyAsync(Make(CppWithNm.LanguageName, Honest, Checks("answer", Tests), null, null, Key, false, CodeScoring.Binary));
    }

    /// <summary>C++ exactly as <see cref="CppLanguage"/> prepares it, but with <paramref name="nm"/> first on the build's PATH.</summary>
    private sealed class CppWithNm(string nm) : ISandboxLanguage
    {
        public const string LanguageName = "cpp-nm-shim";

        private readonly CppLanguage _cpp = new();

        public string Name => LanguageName;

        public string Version => _cpp.Version;

        public string DefaultImage => _cpp.DefaultImage;

        public IReadOnlyList<string> FenceTags => [LanguageName];

        public IReadOnlySet<CodeTestKind> TestKinds => _cpp.TestKinds;

        public int CompileMemoryMb => _cpp.CompileMemoryMb;

        public async ValueTask<PrepareResult> PrepareAsync(PrepareContext context, CancellationToken cancellationToken)
        {
            var program = (await _cpp.PrepareAsync(context, cancellationToken)).Program!;
            var build = (CommandCompileStep)program.Compile!;
            // The submission's files are flat, and the programs' PATH is fixed: the build puts the shim in place itself.
            string[] argv = ["sh", "-c", "mkdir shim && cp nm-shim shim/nm && chmod 755 shim/nm && PATH=\"$PWD/shim:$PATH\" exec \"$@\"", "sh", .. build.Argv];
            var files = new Dictionary<string, byte[]>(program.Files) { ["nm-shim"] = Encoding.UTF8.GetBytes(nm) };
            return PrepareResult.Ready(program with { Files = files, Compile = build with { Argv = argv } });
        }
    }
}
