using System.Text.Json;
using Verifier.Core.Code;

namespace Verifier.Core.Tests.Code;

public class CodeVerdictSerializationTests
{
    [Theory]
    [InlineData(CodeVerdictKind.Accepted, "accepted")]
    [InlineData(CodeVerdictKind.WrongAnswer, "wrong_answer")]
    [InlineData(CodeVerdictKind.CompileError, "compile_error")]
    [InlineData(CodeVerdictKind.RuntimeError, "runtime_error")]
    [InlineData(CodeVerdictKind.TimeLimit, "time_limit")]
    [InlineData(CodeVerdictKind.MemoryLimit, "memory_limit")]
    [InlineData(CodeVerdictKind.OutputLimit, "output_limit")]
    [InlineData(CodeVerdictKind.NoCode, "no_code")]
    [InlineData(CodeVerdictKind.InfraError, "infra_error")]
    public void Verdict_SerialisesInSnakeCase(CodeVerdictKind kind, string wire)
    {
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(kind));
        Assert.Equal(wire, kind.ToWireName());
        Assert.Equal(kind, JsonSerializer.Deserialize<CodeVerdictKind>($"\"{wire}\""));
    }

    [Fact]
    public void InfraError_HasNullRewardInJson()
    {
        var json = JsonSerializer.Serialize(CodeVerdict.InfraError("python", "engine down"));

        Assert.Contains("\"Reward\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"Verdict\":\"infra_error\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("io", CodeTestKind.Io)]
    [InlineData("FUNCTION", CodeTestKind.Function)]
    [InlineData(" assert ", CodeTestKind.Assert)]
    public void TestKind_ParsesWireNames(string name, CodeTestKind kind)
    {
        Assert.True(CodeTestKindExtensions.TryParseWireName(name, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.False(CodeTestKindExtensions.TryParseWireName("unit", out _));
    }
}
