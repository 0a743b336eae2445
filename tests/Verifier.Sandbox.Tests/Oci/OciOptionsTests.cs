using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Engine.Oci;
using Verifier.Sandbox.Tests.Configuration;

namespace Verifier.Sandbox.Tests.Oci;

/// <summary>An oci:// engine is a local folder, crun or runc, the socket channel and no TLS; anything else fails the boot naming the setting.</summary>
public sealed class OciOptionsTests
{
    private static string BootErrors(Dictionary<string, string?> settings)
    {
        using var provider = SandboxOptionsTests.Build(settings);
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        return string.Join("\n", error.Failures);
    }

    [Fact]
    public void AnOciFolder_IsAValidEngine_AndTheSocketChannelIsChosen()
    {
        using var provider = SandboxOptionsTests.Build(new() { ["Sandbox:DockerEndpoint"] = "oci:///var/lib/verifier-oci" });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<SandboxOptions>>().Value;

        Assert.True(options.UsesSocketChannel);
        Assert.IsType<OciEngine>(ContainerEngines.Create(options));
        Assert.IsType<DockerEngine>(ContainerEngines.Create(new SandboxOptions()));
    }

    [Fact]
    public void Attach_Tls_AnotherRuntime_AndAVolume_AreRefusedForAnOciEngine()
    {
        var errors = BootErrors(new()
        {
            ["Sandbox:DockerEndpoint"] = "oci:///var/lib/verifier-oci",
            ["Sandbox:Channel"] = "Attach",
            ["Sandbox:TlsCertPath"] = "/etc/verifier/certs",
            ["Sandbox:Runtime"] = "runsc",
            ["Sandbox:ChannelVolume"] = "verifier-channels",
        });

        Assert.Contains("Sandbox:Channel Attach needs an engine's attach stream; oci:// has the socket channel only", errors);
        Assert.Contains("Sandbox:TlsCertPath is for a tcp:// engine endpoint, not oci://", errors);
        Assert.Contains("Sandbox:Runtime 'runsc' is not auto, crun or runc", errors);
        Assert.Contains("Sandbox:ChannelVolume is for a verifier in a container", errors);
    }

    [Theory]
    [InlineData("oci://relative/folder")]
    [InlineData("oci://")]
    [InlineData("oci:///")]
    public void AnOciEndpointWithoutAnAbsoluteFolder_IsRefused(string endpoint)
    {
        var errors = BootErrors(new() { ["Sandbox:Engines:0:Name"] = "local", ["Sandbox:Engines:0:Endpoint"] = endpoint });

        Assert.Contains($"Sandbox:Engines:0 ('local'):Endpoint '{endpoint}' must name a local folder", errors);
    }

    [Theory]
    [InlineData("verifier-sandbox-python:2", "verifier-sandbox-python%3A2")]
    [InlineData("registry.example:5000/team/python:3.11", "registry.example%3A5000%2Fteam%2Fpython%3A3.11")]
    [InlineData("odd%name:1", "odd%25name%3A1")]
    public void ImageFolders_EscapeWhatAFolderNameCannotHold_AsTheExportScriptDoes(string image, string folder) =>
        Assert.Equal(folder, OciEndpoint.ImageFolderName(image));
}
