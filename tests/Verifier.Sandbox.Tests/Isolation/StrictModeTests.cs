using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Isolation;

[Collection(SandboxCollection.Name)]
public class StrictModeTests
{
    [Fact]
    public async Task StrictMode_GivesEverySubmissionAFreshContainerAndRemovesIt()
    {
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.Mode = SandboxMode.Strict;
            o.WarmContainers = 2;
        });
        const string code = "import socket, os\nprint(socket.gethostname(), os.path.exists('/tmp/mark'))\nopen('/tmp/mark', 'w').close()\n";

        var outputs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var verdict = await host.Sandbox.VerifyAsync(Python(code, Prints("?")));
            outputs.Add(verdict.Tests[0].Output!.Trim());
        }

        Assert.Equal(3, outputs.Distinct().Count());
        Assert.All(outputs, o => Assert.EndsWith(" False", o, StringComparison.Ordinal));
        var used = outputs.Select(o => o.Split(' ')[0]).ToList();
        await WaitUntilAsync(async () => !(await host.ContainersAsync()).Any(id => used.Any(h => id.StartsWith(h, StringComparison.Ordinal))));
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("the condition did not hold within 10 s");
    }
}
