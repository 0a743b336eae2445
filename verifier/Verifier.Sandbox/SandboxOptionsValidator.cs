using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Engine.Oci;

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

        if (options.Engines.Count == 0)
        {
            ValidateEngine(SingleEngineSettings, options.EffectiveEngines[0], options.AllowRuntimesFailingContainment, errors);
        }
        else
        {
            ValidateFleet(options, errors);
        }

        if (!string.IsNullOrEmpty(options.ChannelVolume) && options.EffectiveEngines.Any(e => OciEndpoint.Is(e.Endpoint ?? "")))
        {
            errors.Add("Sandbox:ChannelVolume is for a verifier in a container beside its engine; an oci:// engine runs on the verifier's own host");
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

    /// <summary>How the single-engine settings are named in messages: each by its own key, as before fleets.</summary>
    private static readonly EngineSettingNames SingleEngineSettings = new("Sandbox:DockerEndpoint", "Sandbox:TlsCertPath", "Sandbox:Runtime", "Sandbox:Channel");

    private static void ValidateFleet(SandboxOptions options, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var endpoints = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Engines.Count; i++)
        {
            var engine = options.Engines[i];
            var entry = $"Sandbox:Engines:{i}";
            if (engine.Name is null || !EngineName().IsMatch(engine.Name))
            {
                errors.Add($"{entry}:Name '{engine.Name}' must be 1-63 letters, digits, '.', '_' or '-'");
            }
            else if (!names.Add(engine.Name))
            {
                errors.Add($"{entry}:Name '{engine.Name}' names two engines");
            }

            var labelled = $"{entry} ('{engine.Name}')";
            // Two entries for one engine would count its capacity twice, and each pool's start-up sweep would remove
            // the other's containers (they share the instance name).
            if (!string.IsNullOrEmpty(engine.Endpoint) && !endpoints.Add(engine.Endpoint.TrimEnd('/')))
            {
                errors.Add($"{labelled}:Endpoint '{engine.Endpoint}' is another entry's engine too");
            }

            if (engine.Capacity is < 0 or > 1_024)
            {
                errors.Add($"{labelled}:Capacity {engine.Capacity} must lie in 0..1024 (0: Sandbox:MaxConcurrentRuns)");
            }
            else if (options.MaxContainers <= (engine.Capacity > 0 ? engine.Capacity : options.EffectiveMaxConcurrentRuns))
            {
                errors.Add($"{labelled}:Capacity must be below Sandbox:MaxContainers ({options.MaxContainers}), which holds for each engine");
            }

            ValidateEngine(
                new EngineSettingNames($"{labelled}:Endpoint", $"{labelled}:TlsCertPath", $"{labelled}:Runtime", $"{labelled}:Channel"),
                engine, options.AllowRuntimesFailingContainment, errors);
        }
    }

    private static void ValidateEngine(EngineSettingNames setting, EngineOptions engine, bool allowUnsafeRuntime, List<string> errors)
    {
        if (OciEndpoint.Is(engine.Endpoint ?? ""))
        {
            ValidateOciEngine(setting, engine, errors);
            return;
        }

        if (!Uri.TryCreate(engine.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("unix" or "tcp" or "http" or "https" or "npipe"))
        {
            errors.Add($"{setting.Endpoint} '{engine.Endpoint}' is not a unix://, tcp:// or http(s):// address, or oci:///folder");
        }

        if (!string.IsNullOrEmpty(engine.TlsCertPath))
        {
            foreach (var file in EngineTls.Files)
            {
                if (!File.Exists(Path.Combine(engine.TlsCertPath, file)))
                {
                    errors.Add($"{setting.TlsCertPath} '{engine.TlsCertPath}' has no {file}");
                }
            }

            if (endpoint is not null && endpoint.Scheme is "unix" or "npipe")
            {
                errors.Add($"{setting.TlsCertPath} is for a tcp:// engine endpoint");
            }
        }

        // A loopback tcp:// endpoint (a socket proxy in front of the local engine) may use the socket; a remote one cannot.
        if (engine.Channel == SupervisorTransportKind.Socket && endpoint is not null && endpoint.Scheme is not "unix" && !endpoint.IsLoopback)
        {
            errors.Add($"{setting.Channel} Socket needs the engine on this host (unix:// or a loopback {setting.Endpoint}); use Attach for a remote engine");
        }

        if (engine.Runtime is null || !RuntimeName().IsMatch(engine.Runtime))
        {
            errors.Add($"{setting.Runtime} '{engine.Runtime}' is not auto or the name of a runtime registered with the engine, such as crun or runc");
        }
        else if (!allowUnsafeRuntime && UnsafeRuntimes.TryGetValue(engine.Runtime, out var why))
        {
            errors.Add($"{setting.Runtime} '{engine.Runtime}' is refused: {why}");
        }
    }

    /// <summary>
    /// The host's runtime without an engine (<see cref="OciEngine"/>): a local folder, crun or runc, the socket channel,
    /// no TLS; the verifier must run as root, which the engine's health check reports rather than the boot refusing it.
    /// </summary>
    private static void ValidateOciEngine(EngineSettingNames setting, EngineOptions engine, List<string> errors)
    {
        if (OciEndpoint.Folder(engine.Endpoint) is null)
        {
            errors.Add($"{setting.Endpoint} '{engine.Endpoint}' must name a local folder: oci:///var/lib/verifier-oci");
        }

        if (!string.IsNullOrEmpty(engine.TlsCertPath))
        {
            errors.Add($"{setting.TlsCertPath} is for a tcp:// engine endpoint, not oci://");
        }

        if (engine.Channel == SupervisorTransportKind.Attach)
        {
            errors.Add($"{setting.Channel} Attach needs an engine's attach stream; oci:// has the socket channel only");
        }

        if (engine.Runtime != ContainerRuntime.Auto && !OciEngine.KnownRuntimes.Contains(engine.Runtime))
        {
            errors.Add($"{setting.Runtime} '{engine.Runtime}' is not auto, {string.Join(" or ", OciEngine.KnownRuntimes)}, the runtimes oci:// drives");
        }
    }

    /// <summary>
    /// Runtimes the sandbox's containment suites fail on, with what fails: the supervisor's guarantees rest on the
    /// kernel's rules, and a runtime that bends one of them would let a submission forge its verdict.
    /// </summary>
    private static readonly Dictionary<string, string> UnsafeRuntimes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["runsc"] = "under gVisor (runsc 2022-12, Debian 12's) a submission can open the supervisor's /proc/1/environ and /proc/1/fd " +
            "(gVisor does not enforce PR_SET_DUMPABLE there), and through them reach the channel its verdict travels on; " +
            "the sandbox's containment suites must pass on a runtime before it is allowed (verifier/Verifier.Sandbox/README.md, \"gVisor\")",
    };

    /// <summary>The configuration keys an engine's settings are named by in messages.</summary>
    private sealed record EngineSettingNames(string Endpoint, string TlsCertPath, string Runtime, string Channel);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")]
    private static partial Regex EngineName();

    // Docker's runtime names (dockerd --add-runtime NAME=PATH), "auto" among them; no spaces, no path.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex RuntimeName();
}
