using Verifier.TestSupport;

namespace Verifier.Service.Tests.Compat;

/// <summary>Every language this service runs, under SandboxFusion's name for it: the same program (read two numbers, print their sum) succeeds.</summary>
public sealed class SandboxFusionLanguageTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    public static TheoryData<string, string> Programs => new()
    {
        { "python", "a, b = map(int, input().split())\nprint(a + b)" },
        { "cpp", "#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << a + b << std::endl; }" },
        { "csharp", "var p = Console.ReadLine()!.Split(' ');\nConsole.WriteLine(long.Parse(p[0]) + long.Parse(p[1]));" },
        { "java", "import java.util.*;\npublic class Main { public static void main(String[] a) { Scanner s = new Scanner(System.in); System.out.println(s.nextLong() + s.nextLong()); } }" },
        { "go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n" },
        { "rust", "use std::io::Read;\nfn main() { let mut s = String::new(); std::io::stdin().read_to_string(&mut s).unwrap(); let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect(); println!(\"{}\", v[0] + v[1]); }" },
        { "nodejs", "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);" },
        { "typescript", "const [a, b]: number[] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);" },
        { "bash", "read a b\necho $((a + b))" },
        { "ruby", "a, b = gets.split.map(&:to_i)\nputs a + b" },
        { "php", "<?php\n[$a, $b] = array_map('intval', explode(' ', trim(fgets(STDIN))));\necho $a + $b, \"\\n\";" },
        { "lua", "local a, b = io.read('n', 'n')\nprint(math.floor(a + b))" },
        { "perl", "my ($a, $b) = split ' ', <STDIN>;\nprint $a + $b, \"\\n\";" },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task SumProgram_Succeeds(string language, string code)
    {
        var json = new System.Text.Json.Nodes.JsonObject { ["code"] = code, ["language"] = language, ["stdin"] = "2 3\n", ["run_timeout"] = 10 }.ToJsonString();

        var body = await CompatClient.OkAsync(fixture.Host, "/run_code", json, ServiceHost.ApiKey);

        Assert.True((string?)body["status"] == "Success", body.ToJsonString());
        Assert.Equal("5\n", (string?)body["run_result"]!["stdout"]);
    }
}
