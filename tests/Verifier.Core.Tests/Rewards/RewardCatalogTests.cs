using Verifier.Core.Rewards;

namespace Verifier.Core.Tests.Rewards;

public sealed class RewardCatalogTests
{
    private sealed class Fixed(string name, double value) : IRewardComponent
    {
        public string Name => name;

        public ValueTask<ComponentScore> ScoreAsync(RewardInput input, CancellationToken cancellationToken) => ValueTask.FromResult(ComponentScore.Of(value));
    }

    private sealed class Source(params IRewardComponent[] components) : IRewardComponentSource
    {
        public IEnumerable<IRewardComponent> Components => components;
    }

    [Fact]
    public void Components_AndSources_AreOneCatalog()
    {
        var catalog = new RewardCatalog([new Fixed("a", 1)], [new Source(new Fixed("b", 2), new Fixed("c", 3))]);

        Assert.Equal(["a", "b", "c"], catalog.Names);
        Assert.Equal("b", catalog["b"].Name);
    }

    [Fact]
    public void TwoComponentsWithOneName_AreRefused_NamingBoth()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new RewardCatalog([new LanguageConsistency("same", WritingScript.Latin)], [new Source(new Fixed("same", 1))]));

        Assert.Contains("'same' (LanguageConsistency and Fixed)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("accuracy")]
    [InlineData("format")]
    public void BuiltInPartNames_AreRefused(string name)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new RewardCatalog([new Fixed(name, 1)], []));

        Assert.Contains("built-in part of the reward", error.Message, StringComparison.Ordinal);
    }
}
