using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Verifier.Contracts;

using Verifier.TestSupport;

namespace Verifier.Service.Tests.Stack;

/// <summary>
/// The docker-compose stack as users run it: the verifier image on the host network, bound to 127.0.0.1,
/// starting sandbox containers on the host's engine. test.sh builds the image and sets
/// VERIFIER_REQUIRE_STACK=1, so in CI a missing image or compose tool fails instead of skipping.
/// </summary>
public sealed class ComposeStackTests
{
    private const string Image = "verifier-service:1";

    [Fact]
    public async Task ComposeStack_ServesVerifyOnLoopback_AndLeavesNothingBehind()
    {
        var compose = await FindComposeAsync();
        var required = Environment.GetEnvironmentVariable("VERIFIER_REQUIRE_STACK") == "1";
        var imagePresent = await RunAsync("docker", ["image", "inspect", Image]) == 0;
        if (!required)
        {
            Assert.SkipWhen(compose is null, "neither `docker compose` nor docker-compose is installed (test.sh installs it)");
            Assert.SkipWhen(!imagePresent, $"{Image} is not built; run docker/build-images.sh (test.sh does)");
        }

        Assert.True(compose is not null, "no compose tool found");
        Assert.True(imagePresent, $"{Image} is missing");

        var project = $"vtest{Guid.NewGuid():N}"[..14];
        var port = FreePort();
        var file = Path.Combine(RepoPaths.Root(), "docker", "docker-compose.yml");
        var environment = new Dictionary<string, string>
        {
            ["VERIFIER_API_KEYS"] = "compose-key",
            ["VERIFIER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DOCKER_GID"] = await SocketGroupAsync(),
            ["VERIFIER_INSTANCE"] = project,
        };
        string[] baseArgs = [.. compose!.Value.Prefix, "-p", project, "-f", file];
        try
        {
            Assert.Equal(0, await RunAsync(compose.Value.Command, [.. baseArgs, "up", "-d"], environment));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitReadyAsync(http);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "compose-key");
            // Python, and C# compiled by the published service's own Roslyn against its own runtime's assemblies.
            var body = """{"items":[{"completion":"<answer>```python\nprint(int(input())*2)\n```</answer>","code":{"language":"python","tests":{"kind":"io","cases":[{"stdin":"21\n","stdout":"42\n"}]}}},""" +
                """{"completion":"<answer>```csharp\nConsole.WriteLine(int.Parse(Console.ReadLine()!) * 2);\n```</answer>","code":{"language":"csharp","tests":{"kind":"io","cases":[{"stdin":"21\n","stdout":"42\n"}]}}}]}""";

            using var response = await http.PostAsync("/v1/verify", new StringContent(body, Encoding.UTF8, "application/json"));
            var results = await Json.ResultsAsync(response);

            Assert.Equal(Verdicts.Accepted, results.Results[0].Verdict);
            Assert.True(results.Results[1].Verdict == Verdicts.Accepted, $"csharp: {results.Results[1].Verdict} {results.Results[1].Reason}");
        }
        finally
        {
            Assert.Equal(0, await RunAsync(compose.Value.Command, [.. baseArgs, "down", "--volumes", "--timeout", "30"], environment));
        }

        // The stopped service removed its sandbox containers on the way out.
        Assert.Equal(0, await Verifier.TestSupport.SandboxContainers.WaitForNoneAsync(project, TimeSpan.FromSeconds(10)));
    }

    private static async Task WaitReadyAsync(HttpClient http)
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail("the compose stack did not become ready in 30 s");
    }

    /// <summary>The group owning the engine's socket: the non-root service joins it to reach the engine.</summary>
    private static async Task<string> SocketGroupAsync()
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%g", "/var/run/docker.sock"]) { RedirectStandardOutput = true })!;
        var group = (await stat.StandardOutput.ReadToEndAsync()).Trim();
        await stat.WaitForExitAsync();
        return group;
    }

    private static async Task<(string Command, string[] Prefix)?> FindComposeAsync()
    {
        if (await RunAsync("docker", ["compose", "version"]) == 0)
        {
            return ("docker", ["compose"]);
        }

        return await RunAsync("docker-compose", ["version"]) == 0 ? ("docker-compose", []) : null;
    }

    private static async Task<int> RunAsync(string command, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0 && environment is not null)
            {
                Console.Error.WriteLine($"{command} {string.Join(' ', args)}: {await output}{await errors}");
            }

            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
