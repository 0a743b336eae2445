using Verifier.Trainer.Tasks;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tests.Tasks;

public sealed class TaskSourceTests
{
    [Fact]
    public void Arithmetic_GoldAnswerMatchesExpression_AndPromptUsesR1ZeroTemplate()
    {
        var task = new ArithmeticTask(new ArithmeticTaskOptions { MinOperand = 0, MaxOperand = 9, Operands = 3, Operators = "+-*" });
        var random = new DeterministicRandom(5);

        for (var i = 0; i < 200; i++)
        {
            var item = task.Next(random);
            var parts = item.Id.Split(' ');
            var operands = parts.Where((_, j) => j % 2 == 0).Select(long.Parse).ToArray();
            var operators = parts.Where((_, j) => j % 2 == 1).Select(p => p[0]).ToArray();
            Assert.Equal(ArithmeticTask.Evaluate(operands, operators).ToString(System.Globalization.CultureInfo.InvariantCulture), item.GoldAnswer);
            Assert.StartsWith("A conversation between User and Assistant.", item.Prompt, StringComparison.Ordinal);
            Assert.EndsWith($"User: What is {item.Id}? Assistant:", item.Prompt, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new long[] { 2, 3, 4 }, "+*", 14)]
    [InlineData(new long[] { 2, 3, 4 }, "*-", 2)]
    [InlineData(new long[] { 9, 3, 4 }, "--", 2)]
    public void Arithmetic_Evaluate_RespectsPrecedence(long[] operands, string operators, long expected)
    {
        Assert.Equal(expected, ArithmeticTask.Evaluate(operands, operators.ToCharArray()));
    }

    [Fact]
    public void Arithmetic_BalancedAnswers_DrawsEveryAnswerAboutEquallyOften()
    {
        var balanced = new ArithmeticTask(new ArithmeticTaskOptions { MaxOperand = 4 });
        var plain = new ArithmeticTask(new ArithmeticTaskOptions { MaxOperand = 4, BalanceAnswers = false });

        var balancedCounts = Count(balanced);
        var plainCounts = Count(plain);

        // 9 answers (0..8): about 1/9 each when balanced; 4 is 5/25 = 20% of uniform operand pairs.
        Assert.Equal(9, balancedCounts.Count);
        Assert.All(balancedCounts.Values, c => Assert.InRange(c / 9000.0, 0.09, 0.13));
        Assert.InRange(plainCounts["4"] / 9000.0, 0.18, 0.22);

        static Dictionary<string, int> Count(ArithmeticTask task)
        {
            var random = new DeterministicRandom(3);
            return Enumerable.Range(0, 9000).Select(_ => task.Next(random).GoldAnswer!).GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        }
    }

    [Fact]
    public void Arithmetic_HeldOut_IsTheSameOnEveryCall()
    {
        var task = new ArithmeticTask(new ArithmeticTaskOptions { MaxOperand = 50 });

        Assert.Equal(task.HeldOut(20).Select(t => t.Id), task.HeldOut(20).Select(t => t.Id));
    }

    [Fact]
    public void Jsonl_LoadsMathAndCodeAndHoldsOutTheLastLines()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                """{"id": "m1", "question": "What is 1 + 1?", "answer": "2"}""",
                "",
                """{"problem": "Solve x^2 = 4, x > 0", "gold": "2"}""",
                """{"task_id": "c1", "prompt": "def f(x):", "tests": ["assert f(1) == 2"], "entry_point": "f"}""",
                """{"task_id": "c2", "prompt": "def g():", "test": "assert g() is None"}""",
            ]);

            var source = JsonlTaskSource.Load(path, "none", 0.25);

            Assert.Equal(["m1", "1", "c1"], source.Training.Select(t => t.Id));
            var held = Assert.Single(source.HeldOut(10));
            Assert.Equal(TaskKind.Code, held.Kind);
            Assert.Equal(["assert g() is None"], held.Tests);
            var code = source.Training[2];
            Assert.Equal(("f", "python", TaskKind.Code), (code.EntryPoint, code.Language, code.Kind));
            Assert.Equal(("2", TaskKind.Math), (source.Training[1].GoldAnswer, source.Training[1].Kind));
            Assert.Equal("What is 1 + 1?", source.Training[0].Prompt);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("""{"answer": "2"}""", "question")]
    [InlineData("""{"question": "q"}""", "answer")]
    [InlineData("""[1, 2]""", "object")]
    [InlineData("""{"question": "q", "tests": 5}""", "tests")]
    [InlineData("""not json""", ":2:")]
    public void Jsonl_BadLine_ReportsLineNumberAndReason(string badLine, string expectedInMessage)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["""{"question": "ok", "answer": "1"}""", badLine]);

            var error = Assert.Throws<FormatException>(() => JsonlTaskSource.Load(path, null, 0));

            Assert.Contains(":2:", error.Message, StringComparison.Ordinal);
            Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
