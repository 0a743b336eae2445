using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Verifier.TestSupport;

/// <summary>
/// The real verifier service, with its real sandbox, listening on a free 127.0.0.1 port through Kestrel:
/// requests in tests cross a real socket, as a trainer's would.
/// </summary>
public sealed class ServiceHost : WebApplicationFactory<Verifier.Service.ServiceEntryPoint>
{
    /// <summary>The languages whose sandbox containers test hosts start only on first use.</summary>
    public static readonly IReadOnlyList<string> ColdLanguages = ["java", "go", "rust", "javascript", "typescript", "bash", "ruby", "php", "lua", "perl"];

    public const string ApiKey = "test-key-default";
    public const string OtherTenantKey = "test-key-other";

    private readonly Dictionary<string, string?> _settings;
    private int _stopped;

    private readonly Action<IServiceCollection>? _services;

    private ServiceHost(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        _settings = settings;
        _services = services;
    }

    public Uri Address => ClientOptions.BaseAddress;

    /// <summary>The sandbox instance name this host labels its containers with.</summary>
    public string SandboxInstance => _settings["Sandbox:InstanceName"]!;

    /// <summary>Starts a service; <paramref name="settings"/> override configuration (e.g. "Limits:MaxItems").</summary>
    /// <param name="services">Extra registrations, after the service's own (a log capture, say).</param>
    public static ServiceHost Start(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["VERIFIER_API_KEYS"] = $"default:{ApiKey},other:{OtherTenantKey}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Shutdown:DrainDeadline"] = "00:00:05",
        };
        // Each host labels its containers with its own name: a host's start-up sweep of "leftover" containers
        // must never touch the live containers of another host running in parallel.
        var instance = $"test-{Guid.NewGuid():N}"[..20];
        merged["Sandbox:InstanceName"] = instance;
        merged["Sandbox:WarmContainers"] = "1";
        // Python, C++ and C# keep one warm container each; the other ten languages start theirs on first use, or every
        // test host would start thirteen.
        foreach (var language in ColdLanguages)
        {
            merged[$"Sandbox:Languages:{language}:WarmContainers"] = "0";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var host = new ServiceHost(merged, services);
        host.UseKestrel(0);
        host.StartServer();
        return host;
    }

    /// <summary>An HttpClient for the live server, with a bearer key unless <paramref name="apiKey"/> is null.</summary>
    public HttpClient Client(string? apiKey = ApiKey)
    {
        var client = CreateClient();
        client.Timeout = TimeSpan.FromMinutes(3);
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Begins a graceful shutdown, as SIGTERM would.</summary>
    public void BeginShutdown() => Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

    /// <summary>
    /// Stops the service the way SIGTERM does, then disposes it: the stop signal makes the service's own
    /// <c>app.Run()</c> run the host's stop sequence (listener, drain, then the sandbox, which removes its
    /// containers), and we wait for it to finish. Disposing without it would close the engine client first.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await StopGracefullyAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            StopGracefullyAsync().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private async Task StopGracefullyAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        var lifetime = Services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());
        lifetime.StopApplication();
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(90));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        if (_services is { } services)
        {
            builder.ConfigureServices(services);
        }
    }
}
