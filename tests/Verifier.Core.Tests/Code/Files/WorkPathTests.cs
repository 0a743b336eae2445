using Verifier.Core.Code.Files;

namespace Verifier.Core.Tests.Code.Files;

public class WorkPathTests
{
    [Theory]
    [InlineData("data.txt")]
    [InlineData("include/util.h")]
    [InlineData("a/b/c/d/e/f/g/h.txt")]
    [InlineData("lib_2/x-y+z.hpp")]
    [InlineData("Main.java")]
    public void Problem_OfAPlainRelativePath_IsNull(string path) => Assert.Null(WorkPath.Problem(path));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    [InlineData("../x")]
    [InlineData("a/../../b")]
    [InlineData("a/..")]
    [InlineData("./a")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("-o")]
    [InlineData("a/-fplugin=x.so")]
    [InlineData("@flags")]
    [InlineData(".gocache")]
    [InlineData("a b")]
    [InlineData("a\0b")]
    [InlineData("a\\b")]
    [InlineData("a/b/c/d/e/f/g/h/i")]
    [InlineData("ü.txt")]
    public void Problem_OfAPathThatCouldLeaveOrBeAFlag_IsGiven(string? path) => Assert.NotNull(WorkPath.Problem(path));

    [Fact]
    public void Problem_OfAnOverlongPath_IsGiven() => Assert.NotNull(WorkPath.Problem(new string('a', WorkPath.MaxLength + 1)));

    [Theory]
    [InlineData("a", "a", true)]
    [InlineData("a", "a/b", true)]
    [InlineData("a/b", "a", true)]
    [InlineData("a", "ab", false)]
    [InlineData("a/b", "a/c", false)]
    public void Collide_WhenOneIsTheOtherOrADirectoryOnItsWay(string a, string b, bool collide) => Assert.Equal(collide, WorkPath.Collide(a, b));
}
