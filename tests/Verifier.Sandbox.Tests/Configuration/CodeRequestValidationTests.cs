using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Verifier.Core.Code;
using Verifier.Sandbox.Languages;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Configuration;

/// <summary>Malformed requests are refused before anything runs, with the field named (the service turns this into a 400).</summary>
public sealed class CodeRequestValidationTests : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly ICodeSandbox _sandbox;

    public CodeRequestValidationTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ISandboxLanguage, IoOnlyLanguage>();
        services.AddCodeSandbox(o => o.DockerEndpoint = "unix:///tmp/never-contacted.sock");
        _provider = services.BuildServiceProvider();
        _sandbox = _provider.GetRequiredService<ICodeSandbox>();
    }

    public static TheoryData<string, CodeRequest> Invalid => new()
    {
        { "language", Python("x", Prints("1")) with { Language = "cobol" } },
        { "completion", new CodeRequest { Language = "python", Tests = Prints("1") } },
        // Every built-in language runs every kind, so an extra one that runs io only stands for a missing kind.
        { "tests.kind", Make("ioonly", "x", Function("f", ("[1]", "1")), null, null, Key, false, CodeScoring.Binary) },
        { "tests.cases", Python("x", Io()) },
        { "tests.cases[0].args", Python("x", Function("f", ("{\"a\": 1}", "1"))) },
        { "tests.entryPoint", Python("x", Function("not a name", ("[1]", "1"))) },
        { "tests.entryPoint", Python("x", Checks("", "def check(c): pass")) },
        { "tests.code", Python("x", Checks("f", "  ")) },
        { "limits.timeMs", Python("x", Prints("1"), timeMs: 0) },
        { "limits.timeMs", Python("x", Prints("1"), timeMs: 10_000_000) },
        { "limits.memoryMb", Python("x", Prints("1"), memoryMb: 8) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Verify_WhenRequestMalformed_ThrowsNamingTheField(string field, CodeRequest request)
    {
        var error = await Assert.ThrowsAsync<CodeRequestException>(() => _sandbox.VerifyAsync(request));

        Assert.Equal(field, error.Field);
        Assert.IsAssignableFrom<ArgumentException>(error);
    }

    public void Dispose() => _provider.Dispose();

    private sealed class IoOnlyLanguage : ISandboxLanguage
    {
        public string Name => "ioonly";

        public string Version => "1";

        public string DefaultImage => "ioonly:1";

        public IReadOnlyList<string> FenceTags => ["ioonly"];

        public IReadOnlySet<CodeTestKind> TestKinds => new HashSet<CodeTestKind> { CodeTestKind.Io };

        public int CompileMemoryMb => 0;

        public ValueTask<PrepareResult> PrepareAsync(PrepareContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(PrepareResult.Rejected("never prepared: validation refuses first"));
    }
}
