using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Pool;

namespace Verifier.Sandbox.Tests.Infrastructure;

/// <summary>
/// A real sandbox, wired as the service wires it (DI, options validation, hosted service), with its own instance name,
/// on the engine and runtime <see cref="DockerEnvironment"/> names unless the test configures others.
/// </summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    private readonly List<IHostedService> _hosted;
    private bool _stopped;

    private SandboxHost(ServiceProvider services, string instanceName)
    {
        Services = services;
        InstanceName = instanceName;
        Sandbox = services.GetRequiredService<ICodeSandbox>();
        Pool = services.GetRequiredService<ContainerPool>();
        _hosted = [.. services.GetServices<IHostedService>()];
    }

    /// <summary>The languages whose containers test hosts start only on first use (as the service's test host does).</summary>
    private static readonly string[] ColdLanguages = ["java", "go", "rust", "javascript", "typescript", "bash", "ruby", "php", "lua", "perl"];

    public ServiceProvider Services { get; }

    public string InstanceName { get; }

    public ICodeSandbox Sandbox { get; }

    internal ContainerPool Pool { get; }

    /// <param name="addServices">Registers more services first, e.g. an extra <see cref="Languages.ISandboxLanguage"/>.</param>
    public static async Task<SandboxHost> StartAsync(Action<SandboxOptions>? configure = null, bool requireDocker = true, Action<IServiceCollection>? addServices = null)
    {
        if (requireDocker)
        {
            await DockerEnvironment.EnsureReadyAsync();
        }

        var instance = "sandbox-tests-" + Guid.NewGuid().ToString("N")[..10];
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        addServices?.Invoke(services);
        services.AddCodeSandbox(o =>
        {
            o.DockerEndpoint = DockerEnvironment.SandboxEndpoint;
            o.Runtime = DockerEnvironment.Runtime ?? o.Runtime;
            // A runtime named for a run of the suites is run whatever the sandbox thinks of it: finding out is the point.
            o.AllowRuntimesFailingContainment = DockerEnvironment.Runtime is not null;
            o.InstanceName = instance;
            o.WarmContainers = 1;
            // Only the first three languages keep a warm container: every test host would otherwise start thirteen,
            // and the tests of the others start theirs on first use.
            foreach (var language in ColdLanguages)
            {
                o.Languages[language] = new SandboxLanguageOptions { WarmContainers = 0 };
            }

            o.MaxConcurrentRuns = 4;
            o.MaxContainers = 24;
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var host = new SandboxHost(provider, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SandboxOptions>>().Value.InstanceName);
        foreach (var hosted in host._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return host;
    }

    /// <summary>Containers on the engine that carry this host's instance label.</summary>
    public Task<IReadOnlyList<string>> ContainersAsync() => ContainersAsync(InstanceName);

    public static async Task<IReadOnlyList<string>> ContainersAsync(string instanceName)
    {
        using var engine = ContainerEngines.Create(new SandboxOptions { DockerEndpoint = DockerEnvironment.SandboxEndpoint });
        return await engine.ListAsync(ContainerLabels.Instance, instanceName, CancellationToken.None);
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        foreach (var hosted in Enumerable.Reverse(_hosted))
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Services.DisposeAsync();
    }
}
