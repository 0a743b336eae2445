using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Verifier.Contracts;
using static Verifier.Sdk.Tests.Datasets.Rows;

namespace Verifier.Sdk.Tests.Datasets;

public class LiveCodeBenchAdapterTests
{
    [Fact]
    public void ToCodeSpec_StdinRow_PublicAndPlainJsonPrivate()
    {
        var publicCases = Embedded("""[{"input": "3\n1 2 3\n", "output": "6\n", "testtype": "stdin"}]""");
        var privateCases = Embedded("""[{"input": "1\n5\n", "output": "5\n", "testtype": "stdin"}]""");

        var spec = Spec("livecodebench", $$"""
            {"question_id": "abc301_a", "platform": "atcoder", "public_test_cases": {{publicCases}},
             "private_test_cases": {{privateCases}}, "metadata": "{}"}
            """);

        Assert.Equal(TestKinds.Io, spec.Tests.Kind);
        Assert.Equal([("3\n1 2 3\n", "6\n"), ("1\n5\n", "5\n")], spec.Tests.Cases!.Select(c => (c.Stdin, c.Stdout)));
    }

    [Fact]
    public void ToCodeSpec_FunctionalRow_CompressedPickledPrivate_CallsSolutionMethod()
    {
        var publicCases = Embedded("""[{"input": "[2,7,11,15]\n9", "output": "[0, 1]", "testtype": "functional"}]""");
        var privateCases = Compressed("""[{"input": "[3,3]\n6\n", "output": "[0, 1]", "testtype": "functional"}, {"input": "\"ab\"\n{\"k\": null}", "output": "true", "testtype": "functional"}]""");

        var spec = Spec("livecodebench", $$"""
            {"question_id": "1", "platform": "leetcode", "public_test_cases": {{publicCases}},
             "private_test_cases": "{{privateCases}}", "metadata": "{\"func_name\": \"twoSum\"}"}
            """);

        Assert.Equal((TestKinds.Function, "Solution.twoSum"), (spec.Tests.Kind, spec.Tests.EntryPoint));
        Assert.Equal(["[[2,7,11,15],9]", "[[3,3],6]", """["ab",{"k":null}]"""], spec.Tests.Cases!.Select(c => JsonSerializer.Serialize(c.Args)));
        Assert.Equal(["[0,1]", "[0,1]", "true"], spec.Tests.Cases!.Select(c => JsonSerializer.Serialize(c.Expected)));
    }

    [Fact]
    public void ToCodeSpec_PrivateTestsAsPythonWroteThem_AreRead()
    {
        // base64.b64encode(zlib.compress(pickle.dumps(json.dumps([{"input": "1 2\n", "output": "3\n", "testtype": "stdin"}])))), Python 3.11.
        const string stored = "eJxrYJlqxwABPVbR1UqZeQWlJUpWCkqGCkYxeUo6Ckr5pSVQIWOIQElqcUlJZUEqSKi4JCUzT6k2dooeALEqFJ0=";

        var spec = Spec("livecodebench", $$"""{"private_test_cases": "{{stored}}", "metadata": "{}"}""");

        Assert.Equal([("1 2\n", "3\n")], spec.Tests.Cases!.Select(c => (c.Stdin, c.Stdout)));
    }

    [Theory]
    [InlineData("""{"public_test_cases": "[]", "private_test_cases": "[]"}""", "no tests")]
    [InlineData("""{"public_test_cases": "[{\"input\": \"1\", \"output\": \"1\", \"testtype\": \"stdin\"}, {\"input\": \"1\", \"output\": \"1\", \"testtype\": \"functional\"}]", "metadata": "{\"func_name\": \"f\"}"}""", "mixes stdin and functional")]
    [InlineData("""{"public_test_cases": "[{\"input\": \"1\", \"output\": \"1\", \"testtype\": \"functional\"}]", "metadata": "{}"}""", "'metadata.func_name': missing")]
    [InlineData("""{"public_test_cases": "[{\"input\": \"1\", \"output\": \"1\", \"testtype\": \"batch\"}]"}""", "'public_test_cases[0].testtype'")]
    [InlineData("""{"public_test_cases": "[{\"input\": \"not json\", \"output\": \"1\", \"testtype\": \"functional\"}]", "metadata": "{\"func_name\": \"f\"}"}""", "'public_test_cases[0].input': not a JSON value")]
    [InlineData("""{"private_test_cases": "eJzLSM3JyVcozy/KSQEAGgsEXQ=="}""", "'private_test_cases': neither JSON nor base64")]
    [InlineData("""{"private_test_cases": "%%% not base64"}""", "'private_test_cases': neither JSON nor base64")]
    public void ToCodeSpec_BadRow_NamesTheField(string row, string message)
    {
        Assert.Contains(message, Rejected("livecodebench", row).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCodeSpec_PrivateTestsThatUnpickleToCode_AreRefused()
    {
        // zlib of a pickle that would call os.system: the reader sees GLOBAL and stops.
        byte[] pickle = [0x80, 4, (byte)'c', .. Encoding.ASCII.GetBytes("os\nsystem\n"), 0x8c, 2, (byte)'i', (byte)'d', 0x85, (byte)'R', (byte)'.'];

        var error = Rejected("livecodebench", $$"""{"private_test_cases": "{{Convert.ToBase64String(Zlib(pickle))}}"}""");

        Assert.Contains("only a pickled str is accepted", error.Message, StringComparison.Ordinal);
    }

    /// <summary>As LiveCodeBench stores them: base64(zlib(pickle(json))).</summary>
    private static string Compressed(string json) => Convert.ToBase64String(Zlib(Pickles.Str(json)));

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}
