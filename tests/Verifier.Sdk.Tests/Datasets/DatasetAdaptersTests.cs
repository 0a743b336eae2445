using Verifier.Sdk.Datasets;

namespace Verifier.Sdk.Tests.Datasets;

public class DatasetAdaptersTests
{
    [Fact]
    public void Create_EveryName_GivesItsAdapter()
    {
        Assert.All(DatasetAdapters.Names, name => Assert.Equal(name, DatasetAdapters.Create(name).Name));
    }

    [Fact]
    public void Create_UnknownName_ListsTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetAdapters.Create("leetcode"));

        Assert.Contains("apps, taco, codecontests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCodeSpec_RowNotAnObject_IsARowError()
    {
        Assert.Throws<DatasetRowException>(() => DatasetAdapters.Create("apps").ToCodeSpec(Rows.Parse("[1, 2]")));
    }
}
