using Verifier.Trainer.Commands;

namespace Verifier.Trainer.Tests.Commands;

public sealed class CommandLineTests
{
    private static readonly HashSet<string> Flags = ["resume"];

    [Fact]
    public void Parse_ReadsValuesFlagsAndEqualsForm()
    {
        var line = CommandLine.Parse(["train", "--out", "dir", "--steps=20", "--resume"], Flags);

        Assert.Equal("train", line.Command);
        Assert.Equal("dir", line.String("out"));
        Assert.Equal(20, line.Int("steps"));
        Assert.True(line.Flag("resume"));
        line.EnsureAllUsed();
    }

    [Fact]
    public void EnsureAllUsed_WhenOptionUnknown_NamesIt()
    {
        var line = CommandLine.Parse(["train", "--stpes", "20"], Flags);

        var error = Assert.Throws<UsageException>(line.EnsureAllUsed);
        Assert.Contains("--stpes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--out", "x" }, "Missing command")]
    [InlineData(new[] { "train", "--out" }, "needs a value")]
    [InlineData(new[] { "train", "--out", "a", "--out", "b" }, "twice")]
    [InlineData(new[] { "train", "stray" }, "Unexpected")]
    public void Parse_RejectsMalformedInput(string[] args, string expected)
    {
        var error = Assert.Throws<UsageException>(() => CommandLine.Parse(args, Flags));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Int_WhenNotANumber_SaysSo()
    {
        var line = CommandLine.Parse(["train", "--steps", "many"], Flags);

        Assert.Throws<UsageException>(() => line.Int("steps"));
    }
}
