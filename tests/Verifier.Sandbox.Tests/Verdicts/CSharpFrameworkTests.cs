using System.Net;
using System.Net.Sockets;
using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Verdicts;

/// <summary>
/// C# compiles against the whole Microsoft.NETCore.App, with the SDK's implicit usings of a console app, so what
/// <c>dotnet build</c> accepts compiles here; and what such a program may do at run time is the sandbox's to contain:
/// the network is reachable in the source, never from the container.
/// </summary>
[Collection(SandboxCollection.Name)]
public class CSharpFrameworkTests(SharedSandbox shared)
{
    /// <summary>The HTTP stack's first use JITs a lot: a failing request costs a busy 2-core machine seconds of CPU.</summary>
    private const int NetworkTimeMs = 10_000;

    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Fact]
    public async Task Verify_SystemTextJson_SerializesAndDeserializes_ReturnsAccepted()
    {
        const string code = """
            using System.Text.Json;
            using System.Text.Json.Nodes;

            var point = JsonSerializer.Deserialize<Point>(Console.ReadLine()!)!;
            Console.WriteLine(JsonSerializer.Serialize(point with { X = point.X + 1 }));
            var scores = JsonNode.Parse(Console.ReadLine()!)!["scores"]!.AsArray();
            Console.WriteLine(scores.Sum(s => s!.GetValue<int>()));

            record Point(int X, int Y);
            """;

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Io(("{\"X\":1,\"Y\":2}\n{\"scores\":[3,4,5]}", "{\"X\":2,\"Y\":2}\n12"))));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, $"{verdict.Verdict}: {verdict.Reason} {verdict.Tests.FirstOrDefault()?.Stderr}");
    }

    [Fact]
    public async Task Verify_ImplicitUsingsOfAConsoleApp_NeedNoUsingDirectives()
    {
        // List<int>, Path/File, Task, CancellationTokenSource, Enumerable and HttpClient, all without a using.
        const string code = """
            var numbers = new List<int> { 1, 2, 3 };
            var path = Path.Combine(Path.GetTempPath(), "numbers.txt");
            await File.WriteAllTextAsync(path, string.Join(",", numbers));
            using var cancel = new CancellationTokenSource();
            var total = await Task.Run(() => File.ReadAllText(path).Split(',').Select(int.Parse).Sum(), cancel.Token);
            HttpClient? unused = null;
            Console.WriteLine($"{total} {nameof(HttpClient)} {unused is null}");
            """;

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Prints("6 HttpClient True")));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, $"{verdict.Verdict}: {verdict.Reason} {verdict.Tests.FirstOrDefault()?.Stderr}");
    }

    [Theory]
    [InlineData("using System.Collections.Immutable;\nConsole.WriteLine(string.Join(\",\", ImmutableSortedSet.Create(3, 1, 2).Add(0)));", "0,1,2,3")]
    [InlineData("using System.Numerics;\nConsole.WriteLine(BigInteger.Pow(2, 100));\nConsole.WriteLine(Complex.Abs(new Complex(3, 4)));", "1267650600228229401496703205376\n5")]
    [InlineData("using System.Text.RegularExpressions;\nConsole.WriteLine(string.Join(\",\", Regex.Matches(\"a1b22c333\", @\"\\d+\").Select(m => m.Value)));", "1,22,333")]
    [InlineData("using System.Security.Cryptography;\nConsole.WriteLine(Convert.ToHexString(SHA256.HashData(\"abc\"u8)).ToLowerInvariant());\nConsole.WriteLine(RandomNumberGenerator.GetInt32(1, 2));",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n1")]
    public async Task Verify_FrameworkLibraries_WorkInTheSandbox(string code, string expected)
    {
        var verdict = await _sandbox.VerifyAsync(CSharp(code, Prints(expected)));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, $"{verdict.Verdict}: {verdict.Reason} {verdict.Tests.FirstOrDefault()?.Stderr}");
    }

    public static TheoryData<string, string, string> Connections() => new()
    {
        // The port of a listener on the host's loopback (the test's own, below): reachable from the host, not from the container.
        { "TcpClient to the host's loopback", "using System.Net.Sockets;", "using var client = new TcpClient();\nclient.Connect(\"127.0.0.1\", int.Parse(Console.ReadLine()!));" },
        { "Socket to a public address", "using System.Net.Sockets;", "using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);\nsocket.Connect(\"1.1.1.1\", 443);" },
        { "HttpClient to a public address", "", "using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };\nConsole.Error.WriteLine(await http.GetStringAsync(\"http://1.1.1.1/\"));" },
        { "HttpClient by name (DNS)", "", "using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };\nConsole.Error.WriteLine(await http.GetStringAsync(\"http://example.com/\"));" },
    };

    [Theory, MemberData(nameof(Connections))]
    public async Task Verify_AConnectionAttempt_CompilesAndFailsAtRunTime_AsTheProgramsOwnRuntimeError(string what, string usings, string connect)
    {
        using var listener = HostListener();
        var code = $"{usings}\n{connect}\nConsole.WriteLine(\"connected\");";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Io((Port(listener), "connected")), timeMs: NetworkTimeMs));

        // The exception escapes (the runtime aborts on it): the submission's runtime error, reward 0, never a pass or a null.
        Assert.True(verdict.Verdict == CodeVerdictKind.RuntimeError, $"{what}: {verdict.Verdict}: {verdict.Reason}");
        Assert.Equal(0.0, verdict.Reward);
        Assert.Contains("killed by SIGABRT", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Connections))]
    public async Task Verify_AConnectionAttemptThatCatchesItsFailure_PrintsItAndGetsAWrongAnswer(string what, string usings, string connect)
    {
        using var listener = HostListener();
        var code = $"{usings}\ntry\n{{\n{connect}\nConsole.WriteLine(\"connected\");\n}}\ncatch (Exception e)\n{{\nConsole.WriteLine(\"refused \" + e.GetType().Name);\n}}";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Io((Port(listener), "connected")), timeMs: NetworkTimeMs));

        // What failed, as the program saw it: the connection was refused or had no route, at run time.
        Assert.True(verdict.Verdict == CodeVerdictKind.WrongAnswer, $"{what}: {verdict.Verdict}: {verdict.Reason}");
        Assert.Equal(0.0, verdict.Reward);
        Assert.Matches(@"^refused (SocketException|HttpRequestException)\n$", verdict.Tests[0].Output);
    }

    [Fact]
    public async Task Verify_AnAssertCandidateUsingJsonAndImplicitUsings_IsAccepted()
    {
        const string code = """
            using System.Text.Json;

            public static class Solution
            {
                public static List<int> Parse(string json) => JsonSerializer.Deserialize<List<int>>(json)!.Order().ToList();
            }
            """;

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Checks("Parse", "System.Diagnostics.Debug.Assert(Parse(\"[3, 1, 2]\").SequenceEqual(new[] { 1, 2, 3 }));")));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, $"{verdict.Verdict}: {verdict.Reason}");
    }

    [Fact]
    public async Task Verify_AnAssertCandidateUsingTheNetwork_CompilesAndIsContainedAtRunTime()
    {
        // The network is not among what assert candidates are refused: their tests fail, as for any wrong answer.
        const string code = """
            using System.Net.Sockets;

            public static class Solution
            {
                public static int Add(int a, int b)
                {
                    try
                    {
                        using var client = new TcpClient("1.1.1.1", 53);
                        return a + b;
                    }
                    catch (SocketException)
                    {
                        return -1;
                    }
                }
            }
            """;

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Checks("Add", "System.Diagnostics.Debug.Assert(Add(2, 3) == 5);")));

        Assert.True(verdict.Verdict == CodeVerdictKind.WrongAnswer, $"{verdict.Verdict}: {verdict.Reason}");
        Assert.Equal(0.0, verdict.Reward);
    }

    /// <summary>A listener on the host's loopback that a container sharing the host's network would reach.</summary>
    private static TcpListener HostListener()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static string Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n";
}
