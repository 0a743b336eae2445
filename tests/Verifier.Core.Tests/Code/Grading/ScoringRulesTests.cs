using Verifier.Core.Code;
using Verifier.Core.Code.Grading;

namespace Verifier.Core.Tests.Code.Grading;

public class ScoringRulesTests
{
    private static string[] Fields(CodeScoring mode, int tests, IReadOnlyList<double>? weights = null, IReadOnlyList<Subtask?>? subtasks = null) =>
        [.. ScoringRules.Check(mode, tests, weights, subtasks).Select(p => p.Field)];

    [Fact]
    public void Check_AValidPlan_HasNoProblems()
    {
        Assert.Empty(Fields(CodeScoring.Binary, 3));
        Assert.Empty(Fields(CodeScoring.Weighted, 3, weights: [0, 1, 2.5]));
        Assert.Empty(Fields(CodeScoring.Subtasks, 3, subtasks: [new Subtask("samples", 0, [0]), new Subtask("all", 100, [2, 1])]));
    }

    [Theory]
    [InlineData(-1.0, "weights[1]")]
    [InlineData(double.NaN, "weights[1]")]
    [InlineData(double.PositiveInfinity, "weights[1]")]
    public void Check_ABadWeight_NamesIt(double weight, string field) =>
        Assert.Equal([field], Fields(CodeScoring.Weighted, 3, weights: [1, weight, 1]));

    [Fact]
    public void Check_WeightsThatAddUpToNothingOrOverflow_AreRefused()
    {
        Assert.Equal(["weights"], Fields(CodeScoring.Weighted, 2, weights: [0, 0]));
        Assert.Equal(["weights"], Fields(CodeScoring.Weighted, 2, weights: [double.MaxValue, double.MaxValue]));
        Assert.Equal(["weights"], Fields(CodeScoring.Weighted, 3, weights: [1, 1]));
    }

    [Fact]
    public void Check_WeightsOrSubtasksUnderAnotherMode_AreRefused()
    {
        Assert.Equal(["weights"], Fields(CodeScoring.Binary, 2, weights: [1, 1]));
        Assert.Equal(["subtasks"], Fields(CodeScoring.Fraction, 1, subtasks: [new Subtask("a", 1, [0])]));
        Assert.Equal(["subtasks"], Fields(CodeScoring.Subtasks, 2));
        Assert.Equal(["subtasks"], Fields(CodeScoring.Subtasks, 2, subtasks: []));
    }

    [Fact]
    public void Check_OverlappingSubtasks_NameTheSecondUse()
    {
        var problems = ScoringRules.Check(CodeScoring.Subtasks, 3, null, [new Subtask("a", 1, [0, 1]), new Subtask("b", 1, [2, 1])]).ToList();

        Assert.Equal("subtasks[1].tests[1]", Assert.Single(problems).Field);
        Assert.Contains("already in subtasks[0]", problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ATestListedTwiceInOneSubtask_IsRefused() =>
        Assert.Equal(["subtasks[0].tests[1]"], Fields(CodeScoring.Subtasks, 2, subtasks: [new Subtask("a", 1, [1, 1, 0])]));

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void Check_AMissingTest_NamesTheIndexField(int missing) =>
        Assert.Equal(["subtasks[1].tests[0]"], Fields(CodeScoring.Subtasks, 3, subtasks: [new Subtask("a", 1, [0, 1, 2]), new Subtask("b", 1, [missing])]));

    [Fact]
    public void Check_ATestInNoSubtask_IsRefused()
    {
        var problem = Assert.Single(ScoringRules.Check(CodeScoring.Subtasks, 4, null, [new Subtask("a", 1, [0, 2])]));

        Assert.Equal("subtasks", problem.Field);
        Assert.StartsWith("tests 1, 3 belong to no subtask", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Check_BadPoints_NameThem(double points) =>
        Assert.Equal(["subtasks[0].points"], Fields(CodeScoring.Subtasks, 2, subtasks: [new Subtask("a", points, [0]), new Subtask("b", 1, [1])]));

    [Fact]
    public void Check_PointsAddingUpToZero_AreRefused() =>
        Assert.Equal(["subtasks"], Fields(CodeScoring.Subtasks, 2, subtasks: [new Subtask("a", 0, [0]), new Subtask("b", 0, [1])]));

    [Fact]
    public void Check_EmptyNullOrLongNamedSubtasks_AreRefused()
    {
        Assert.Equal(["subtasks[0].tests"], Fields(CodeScoring.Subtasks, 2, subtasks: [new Subtask("a", 1, []), new Subtask("b", 1, [0, 1])]));
        Assert.Equal(["subtasks[0]"], Fields(CodeScoring.Subtasks, 2, subtasks: [null, new Subtask("b", 1, [0, 1])]));
        Assert.Equal(["subtasks[0].name"], Fields(CodeScoring.Subtasks, 1, subtasks: [new Subtask(new string('n', 129), 1, [0])]));
    }

    [Fact]
    public void Check_MoreSubtasksThanTests_IsRefusedBeforeLookingAtEach()
    {
        var many = Enumerable.Range(0, 100_000).Select(i => (Subtask?)new Subtask("s", 1, [i])).ToArray();

        Assert.Equal(["subtasks"], Fields(CodeScoring.Subtasks, 512, subtasks: many));
    }
}
