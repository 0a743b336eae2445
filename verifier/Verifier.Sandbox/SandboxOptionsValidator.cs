using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Verifier.Sandbox.Engine;

namespace Verifier.Sandbox;

/// <summary>Cross-field rules the attributes cannot say; a misconfiguration fails at start, naming the setting.</summary>
internal sealed partial class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.DefaultTimeMs > options.MaxTimeMs)
        {
            errors.Add("Sandbox:DefaultTimeMs must not exceed Sandbox:MaxTimeMs");
        }

        if (options.DefaultMemoryMb < options.MinMemoryMb || options.DefaultMemoryMb > options.MaxMemoryMb)
        {
            errors.Add("Sandbox:DefaultMemoryMb must lie between Sandbox:MinMemoryMb and Sandbox:MaxMemoryMb");
        }

        if (options.MinMemoryMb > options.MaxMemoryMb)
        {
            errors.Add("Sandbox:MinMemoryMb must not exceed Sandbox:MaxMemoryMb");
        }

        if (options.MaxContainers <= options.EffectiveMaxConcurrentRuns)
        {
            errors.Add($"Sandbox:MaxContainers ({options.MaxContainers}) must exceed Sandbox:MaxConcurrentRuns ({options.EffectiveMaxConcurrentRuns})");
        }

        if (!Uri.TryCreate(options.DockerEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("unix" or "tcp" or "http" or "https" or "npipe"))
        {
            errors.Add($"Sandbox:DockerEndpoint '{options.DockerEndpoint}' is not a unix://, tcp:// or http(s):// address");
        }

        if (!string.IsNullOrEmpty(options.TlsCertPath))
        {
            foreach (var file in EngineTls.Files)
            {
                if (!File.Exists(Path.Combine(options.TlsCertPath, file)))
                {
                    errors.Add($"Sandbox:TlsCertPath '{options.TlsCertPath}' has no {file}");
                }
            }

            if (endpoint is not null && endpoint.Scheme is "unix" or "npipe")
            {
                errors.Add("Sandbox:TlsCertPath is for a tcp:// engine endpoint");
            }
        }

        // A loopback tcp:// endpoint (a socket proxy in front of the local engine) may use the socket; a remote one cannot.
        if (options.Channel == SupervisorTransportKind.Socket && endpoint is not null && endpoint.Scheme is not "unix" && !endpoint.IsLoopback)
        {
            errors.Add("Sandbox:Channel Socket needs the engine on this host (unix:// or a loopback Sandbox:DockerEndpoint); use Attach for a remote engine");
        }

        if (!string.IsNullOrEmpty(options.ChannelDirectory) && !Path.IsPathFullyQualified(options.ChannelDirectory))
        {
            errors.Add($"Sandbox:ChannelDirectory '{options.ChannelDirectory}' must be an absolute path (the engine mounts from it)");
        }

        if (options.EffectiveChannelDirectory.Length > Execution.Transport.SupervisorSocketRoot.MaxParentLength)
        {
            errors.Add($"Sandbox:ChannelDirectory '{options.EffectiveChannelDirectory}' is longer than {Execution.Transport.SupervisorSocketRoot.MaxParentLength} characters: a Unix socket's path must fit in 108 bytes");
        }

        if (!string.IsNullOrEmpty(options.DockerApiVersion) && !System.Version.TryParse(options.DockerApiVersion, out _))
        {
            errors.Add($"Sandbox:DockerApiVersion '{options.DockerApiVersion}' is not a version such as 1.41");
        }

        if (options.Runtime is null || !RuntimeName().IsMatch(options.Runtime))
        {
            errors.Add($"Sandbox:Runtime '{options.Runtime}' is not auto or the name of a runtime registered with the engine, such as crun or runc");
        }

        if (options.CSharp is not { CompileTimeMs: >= 100 and <= 600_000, MaxAssemblyKb: >= 64 and <= 262_144, MaxConcurrentCompilations: >= 0 and <= 1_024, MaxConcurrentCompilationsPerTenant: >= 0 and <= 1_024 })
        {
            errors.Add("Sandbox:CSharp needs CompileTimeMs in 100..600000, MaxAssemblyKb in 64..262144, and MaxConcurrentCompilations and MaxConcurrentCompilationsPerTenant in 0..1024");
        }

        foreach (var (language, settings) in options.Languages)
        {
            if (settings.Image is { } image && (string.IsNullOrWhiteSpace(image) || image.Any(char.IsWhiteSpace)))
            {
                errors.Add($"Sandbox:Languages:{language}:Image '{image}' is not an image reference");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // Docker's runtime names (dockerd --add-runtime NAME=PATH), "auto" among them; no spaces, no path.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex RuntimeName();
}
