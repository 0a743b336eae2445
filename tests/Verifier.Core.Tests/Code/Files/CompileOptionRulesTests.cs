using Verifier.Core.Code;
using Verifier.Core.Code.Files;

namespace Verifier.Core.Tests.Code.Files;

public class CompileOptionRulesTests
{
    [Fact]
    public void Check_OfAllowedCppOptions_FindsNothing() =>
        Assert.Empty(CompileOptionRules.Check("cpp", CodeTestKind.Io, new CompileOptions("c++20", "O3", ["ONLINE_JUDGE", "MAXN=100000", "EPS=1e9", "_X"])));

    [Theory]
    [InlineData("X -o /tmp/y")]
    [InlineData("X=1 -fplugin=p.so")]
    [InlineData("-fplugin=p.so")]
    [InlineData("-B/tmp")]
    [InlineData("@file")]
    [InlineData("X=\"a\"")]
    [InlineData("X='a'")]
    [InlineData("X=-1")]
    [InlineData("X=")]
    [InlineData("1X")]
    [InlineData("X\n-B/tmp")]
    public void Check_OfADefineThatCouldCarryAFlag_NamesIt(string define) =>
        Assert.Equal("defines[1]", Assert.Single(CompileOptionRules.Check("cpp", CodeTestKind.Io, new CompileOptions(Defines: ["OK", define]))).Field);

    [Theory]
    [InlineData("c++17 -fplugin=x", null, "standard")]
    [InlineData("gnu++98", null, "standard")]
    [InlineData(null, "Ofast", "optimize")]
    [InlineData(null, "O2 -B/tmp", "optimize")]
    public void Check_OfAValueOffTheAllowList_NamesIt(string? standard, string? optimize, string field) =>
        Assert.Equal(field, Assert.Single(CompileOptionRules.Check("cpp", CodeTestKind.Function, new CompileOptions(standard, optimize))).Field);

    [Fact]
    public void Check_OfTooManyDefines_NamesTheList() =>
        Assert.Equal("defines", Assert.Single(CompileOptionRules.Check("cpp", CodeTestKind.Io, new CompileOptions(Defines: [.. Enumerable.Range(0, 33).Select(i => $"D{i}")]))).Field);

    [Theory]
    [InlineData("python", CodeTestKind.Io)]
    [InlineData("csharp", CodeTestKind.Io)]
    [InlineData("java", CodeTestKind.Assert)]
    [InlineData("cpp", CodeTestKind.Assert)]
    public void Check_WhereNoOptionsApply_RefusesThemAll(string language, CodeTestKind kind) =>
        Assert.Null(Assert.Single(CompileOptionRules.Check(language, kind, new CompileOptions("c++17"))).Field);

    [Theory]
    [InlineData("java", "8", "18")]
    [InlineData("java", "17", "1.8")]
    [InlineData("go", "go1.18", "go1.20")]
    [InlineData("go", "go1.13", "1.18 -toolexec=x")]
    public void Check_OfAJavaReleaseOrGoVersion_AcceptsTheKnownOnesOnly(string language, string known, string unknown)
    {
        Assert.Empty(CompileOptionRules.Check(language, CodeTestKind.Io, new CompileOptions(known)));
        Assert.Equal("standard", Assert.Single(CompileOptionRules.Check(language, CodeTestKind.Io, new CompileOptions(unknown))).Field);
        Assert.Equal("defines", Assert.Single(CompileOptionRules.Check(language, CodeTestKind.Io, new CompileOptions(Defines: ["X"]))).Field);
    }

    [Fact]
    public void Check_OfARustEdition_AcceptsTheKnownOnesOnly()
    {
        Assert.Empty(CompileOptionRules.Check("rust", CodeTestKind.Io, new CompileOptions("2018")));
        Assert.Equal("standard", Assert.Single(CompileOptionRules.Check("rust", CodeTestKind.Io, new CompileOptions("2024"))).Field);
        Assert.Equal("defines", Assert.Single(CompileOptionRules.Check("rust", CodeTestKind.Io, new CompileOptions(Defines: ["X"]))).Field);
        Assert.Equal("optimize", Assert.Single(CompileOptionRules.Check("rust", CodeTestKind.Io, new CompileOptions(Optimize: "O3"))).Field);
    }
}
