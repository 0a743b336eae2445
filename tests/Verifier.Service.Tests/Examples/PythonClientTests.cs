using Verifier.TestSupport;

namespace Verifier.Service.Tests.Examples;

/// <summary>The Python package in clients/python and its examples, run against the live service (real Kestrel, real sandbox).</summary>
public sealed class PythonClientTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private Dictionary<string, string> LiveService => new()
    {
        ["VERIFIER_URL"] = fixture.Host.Address.ToString().TrimEnd('/'),
        ["VERIFIER_API_KEY"] = ServiceHost.ApiKey,
        // The integration tests skip without a service; here one runs, so a skip would only hide a failure.
        ["VERIFIER_REQUIRE_SERVICE"] = "1",
    };

    [Fact]
    public async Task PythonPackageTests_AgainstTheLiveService_AllPass()
    {
        var python = await PythonProcess.InterpreterWithPytestAsync();

        var (exitCode, output) = await PythonProcess.RunAsync(
            python, ["-m", "pytest", "clients/python/tests", "-q", "-p", "no:cacheprovider", "-rs"], LiveService, Timeout);

        Assert.True(exitCode == 0, $"pytest exited {exitCode}\n{output}");
        Assert.Contains(" passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveCheckExample_AgainstTheLiveService_PrintsItsSuccessLine()
    {
        var python = await PythonProcess.InterpreterWithPytestAsync();
        var live = LiveService;

        var (exitCode, output) = await PythonProcess.RunAsync(
            python, ["examples/python/check_service.py", "--url", live["VERIFIER_URL"], "--api-key", live["VERIFIER_API_KEY"]], live, Timeout);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}");
        Assert.Contains("python client: ok", output, StringComparison.Ordinal);
    }
}
