using Verifier.TestSupport;

namespace Verifier.Service.Tests;

/// <summary>One live service shared by the tests of a class.</summary>
public sealed class ServiceFixture : IDisposable
{
    public ServiceHost Host { get; } = ServiceHost.Start();

    public void Dispose() => Host.Dispose();
}
