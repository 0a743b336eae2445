using System.Text.Json;
using Verifier.Contracts;
using static Verifier.Sdk.Tests.Datasets.Rows;

namespace Verifier.Sdk.Tests.Datasets;

public class AppsAdapterTests
{
    [Fact]
    public void ToCodeSpec_StdinRow_GivesIoTestsInOrder()
    {
        var io = Embedded("""{"inputs": ["2 3\n", ["4 5", "6 7"]], "outputs": ["5\n", ["9", "13"]]}""");

        var spec = Spec("apps", $$"""{"problem_id": 1, "question": "Add.", "input_output": {{io}}}""");

        Assert.Equal(("python", TestKinds.Io), (spec.Language, spec.Tests.Kind));
        Assert.Equal([("2 3\n", "5\n"), ("4 5\n6 7\n", "9\n13\n")], spec.Tests.Cases!.Select(c => (c.Stdin, c.Stdout)));
        Assert.Null(spec.Limits);
    }

    [Fact]
    public void ToCodeSpec_FunctionRow_UnwrapsOneElementOutputs()
    {
        // APPS stores a call's return value wrapped in a list: [[1, 2]] for a function returning [1, 2].
        var io = Embedded("""{"fn_name": "pair", "inputs": [[1, 2], ["a"]], "outputs": [[[1, 2]], [3, 4]]}""");

        var spec = Spec("apps", $$"""{"input_output": {{io}}}""");

        Assert.Equal((TestKinds.Function, "pair"), (spec.Tests.Kind, spec.Tests.EntryPoint));
        var cases = spec.Tests.Cases!;
        Assert.Equal(["[1,2]", "[\"a\"]"], cases.Select(c => Compact(c.Args!.Value)));
        // One element: unwrapped. Two: the list itself is the expected value.
        Assert.Equal(["[1,2]", "[3,4]"], cases.Select(c => Compact(c.Expected!.Value)));
    }

    [Fact]
    public void ToCodeSpec_TacoLimitsInWords_BecomeLimits()
    {
        var io = Embedded("""{"inputs": ["1\n"], "outputs": ["1\n"]}""");

        var spec = Spec("taco", $$"""{"input_output": {{io}}, "time_limit": "2 seconds", "memory_limit": "256 megabytes"}""");

        Assert.Equal((2000, 256), (spec.Limits!.TimeMs, spec.Limits.MemoryMb));
    }

    [Fact]
    public void ToCodeSpec_StructuredInputOutput_IsAcceptedToo()
    {
        var spec = Spec("taco", """{"input_output": {"inputs": ["1\n"], "outputs": ["2\n"]}, "time_limit": "None"}""");

        Assert.Single(spec.Tests.Cases!);
        Assert.Null(spec.Limits);
    }

    [Theory]
    [InlineData("""{"question": "no tests"}""", "'input_output': missing")]
    [InlineData("""{"input_output": ""}""", "'input_output': empty")]
    [InlineData("""{"input_output": "{\"inputs\": [], \"outputs\": []}"}""", "'input_output': no tests")]
    [InlineData("""{"input_output": "{\"inputs\": [\"1\"], \"outputs\": []}"}""", "1 inputs but 0 outputs")]
    [InlineData("""{"input_output": "{\"inputs\": [\"1\"]"}""", "'input_output': not valid JSON")]
    [InlineData("""{"input_output": "{\"fn_name\": \"f\", \"inputs\": [1], \"outputs\": [2]}"}""", "'input_output.inputs[0]': expected the list of arguments")]
    [InlineData("""{"input_output": "{\"inputs\": [1], \"outputs\": [\"2\"]}"}""", "'input_output.inputs[0]': expected text")]
    public void ToCodeSpec_BadRow_NamesTheField(string row, string message)
    {
        Assert.Contains(message, Rejected("apps", row).Message, StringComparison.Ordinal);
    }

    private static string Compact(JsonElement value) => JsonSerializer.Serialize(value);
}
