namespace Verifier.Sandbox.Tests.Infrastructure;

/// <summary>One fast-mode sandbox shared by the tests of the <see cref="SandboxCollection"/>.</summary>
public sealed class SharedSandbox : IAsyncLifetime
{
    private SandboxHost? _host;

    internal SandboxHost Host => _host ?? throw new InvalidOperationException("the sandbox did not start");

    public ICodeSandbox Sandbox => Host.Sandbox;

    public async ValueTask InitializeAsync() => _host = await SandboxHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_host is null)
        {
            return;
        }

        await _host.DisposeAsync();
        // Shutting down removes every container the sandbox created.
        Assert.Empty(await SandboxHost.ContainersAsync(_host.InstanceName));
    }
}

/// <summary>A strict-mode sandbox (a fresh container per submission) for tests that run in both modes.</summary>
public sealed class SharedStrictSandbox : IAsyncLifetime
{
    private SandboxHost? _host;

    public ICodeSandbox Sandbox => (_host ?? throw new InvalidOperationException("the sandbox did not start")).Sandbox;

    public async ValueTask InitializeAsync() => _host = await SandboxHost.StartAsync(o => o.Mode = SandboxMode.Strict);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            Assert.Empty(await SandboxHost.ContainersAsync(_host.InstanceName));
        }
    }
}

/// <summary>
/// All Docker tests run in this one collection, one after another: the machine has two cores, and the tests measure
/// limits that a crowd of parallel tests would blur. Tests that need concurrency create it themselves.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SharedSandbox>, ICollectionFixture<SharedStrictSandbox>
{
    public const string Name = "sandbox";
}
