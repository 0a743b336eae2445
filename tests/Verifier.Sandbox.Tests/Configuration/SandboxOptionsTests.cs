using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox.Tests.Configuration;

/// <summary>Options are bound from "Sandbox" and validated at start: a misconfiguration names the setting.</summary>
public class SandboxOptionsTests
{
    /// <summary>A container with the sandbox registered from these settings, as the service registers it (not started).</summary>
    internal static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddCodeSandbox(configuration);
        return services.BuildServiceProvider();
    }

    private static void StartupValidation(ServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();

    [Fact]
    public void Defaults_AreValidAndFastModeIsTheDefault()
    {
        using var provider = Build([]);

        StartupValidation(provider);
        var options = provider.GetRequiredService<IOptions<SandboxOptions>>().Value;

        Assert.Equal(SandboxMode.Fast, options.Mode);
        Assert.Equal("unix:///var/run/docker.sock", options.DockerEndpoint);
        Assert.Equal("auto", options.Runtime);
    }

    [Fact]
    public void Binding_ReadsTheSandboxSection()
    {
        using var provider = Build(new()
        {
            ["Sandbox:Mode"] = "strict",
            ["Sandbox:WarmContainers"] = "5",
            ["Sandbox:Languages:python:Image"] = "registry.example/python-sandbox:2",
            ["Sandbox:Languages:cpp:Enabled"] = "false",
            ["Sandbox:Languages:csharp:Enabled"] = "false",
            ["Sandbox:CSharp:CompileTimeMs"] = "2500",
        });

        var options = provider.GetRequiredService<IOptions<SandboxOptions>>().Value;
        var sandbox = provider.GetRequiredService<ICodeSandbox>();

        Assert.Equal(SandboxMode.Strict, options.Mode);
        Assert.Equal(5, options.WarmContainers);
        Assert.Equal(2_500, options.CSharp.CompileTimeMs);
        Assert.DoesNotContain(sandbox.Languages, l => l.Name is "cpp" or "csharp");
        var language = Assert.Single(sandbox.Languages, l => l.Name == "python");
        Assert.Equal("registry.example/python-sandbox:2", language.Image);
        Assert.Equal(["io", "function", "assert"], language.TestKinds);
    }

    [Theory]
    [InlineData("Sandbox:DefaultTimeMs", "50000", "Sandbox:DefaultTimeMs must not exceed Sandbox:MaxTimeMs")]
    [InlineData("Sandbox:MaxContainers", "2", "Sandbox:MaxContainers")]
    [InlineData("Sandbox:DockerEndpoint", "ftp://nowhere", "Sandbox:DockerEndpoint")]
    [InlineData("Sandbox:InstanceName", "bad name!", "InstanceName")]
    [InlineData("Sandbox:User", "0:0", "User")]
    [InlineData("Sandbox:PidsLimit", "2", "PidsLimit")]
    [InlineData("Sandbox:DefaultMemoryMb", "16", "DefaultMemoryMb")]
    [InlineData("Sandbox:Languages:python:Image", "has space:1", "Sandbox:Languages:python:Image")]
    [InlineData("Sandbox:CSharp:CompileTimeMs", "5", "Sandbox:CSharp")]
    [InlineData("Sandbox:Runtime", "/usr/bin/crun", "Sandbox:Runtime")]
    [InlineData("Sandbox:Runtime", "c run", "Sandbox:Runtime")]
    public void Validation_FailsAtStartNamingTheSetting(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => StartupValidation(provider));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binding_RejectsAnUnknownMode()
    {
        using var provider = Build(new() { ["Sandbox:Mode"] = "sideways" });

        Assert.ThrowsAny<InvalidOperationException>(() => provider.GetRequiredService<IOptions<SandboxOptions>>().Value);
    }

    [Fact]
    public void Registry_RejectsSettingsForAnUnknownLanguage()
    {
        using var provider = Build(new() { ["Sandbox:Languages:cobol:Image"] = "cobol:1" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICodeSandbox>());

        Assert.Contains("cobol", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_TakesExtraLanguagesFromDependencyInjection()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ISandboxLanguage, ExtraLanguage>();
        services.AddCodeSandbox(_ => { });
        using var provider = services.BuildServiceProvider();

        var names = provider.GetRequiredService<ICodeSandbox>().Languages.Select(l => l.Name);

        Assert.Equal(["bash", "cpp", "csharp", "extra", "go", "java", "javascript", "lua", "perl", "php", "python", "ruby", "rust", "typescript"], names);
    }

    [Theory]
    [InlineData("js", "javascript")]
    [InlineData("node", "javascript")]
    [InlineData("ts", "typescript")]
    [InlineData("golang", "go")]
    [InlineData("rs", "rust")]
    [InlineData("sh", "bash")]
    [InlineData("shell", "bash")]
    [InlineData("rb", "ruby")]
    [InlineData("pl", "perl")]
    [InlineData("py", "python")]
    [InlineData("c++", "cpp")]
    [InlineData("cs", "csharp")]
    [InlineData("JAVA", "java")]
    public void Registry_AcceptsEachLanguagesFenceTagsAsItsName(string alias, string language)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddCodeSandbox(_ => { });
        using var provider = services.BuildServiceProvider();

        Assert.True(provider.GetRequiredService<LanguageRegistry>().TryGet(alias, out var found));
        Assert.Equal(language, found.Name);
    }

    private sealed class ExtraLanguage : ISandboxLanguage
    {
        public string Name => "extra";

        public string Version => "1";

        public string DefaultImage => "extra:1";

        public IReadOnlyList<string> FenceTags => ["extra"];

        public IReadOnlySet<Core.Code.CodeTestKind> TestKinds => new HashSet<Core.Code.CodeTestKind> { Core.Code.CodeTestKind.Io };

        public int CompileMemoryMb => 0;

        public ValueTask<PrepareResult> PrepareAsync(PrepareContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(PrepareResult.Rejected("not really a compiler"));
    }
}
