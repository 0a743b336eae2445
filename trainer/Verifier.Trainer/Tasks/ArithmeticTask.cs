using System.Globalization;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tasks;

/// <summary>
/// Procedural arithmetic with exact gold answers, in the R1-Zero template, so training needs no download.
/// Expressions are evaluated with the usual precedence (* before + and -).
/// </summary>
public sealed class ArithmeticTask : ITaskSource
{
    private readonly ArithmeticTaskOptions _options;
    private readonly string? _template;

    public ArithmeticTask(ArithmeticTaskOptions options, string? template = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _template = template;
    }

    public TaskItem Next(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var operands = new long[_options.Operands];
        var operators = new char[_options.Operands - 1];
        for (var i = 0; i < operands.Length; i++)
        {
            operands[i] = random.NextInt(_options.MinOperand, _options.MaxOperand + 1);
        }

        for (var i = 0; i < operators.Length; i++)
        {
            operators[i] = _options.Operators[random.NextInt(0, _options.Operators.Length)];
        }

        var expression = string.Join(' ', operands.Select((v, i) => i == 0 ? Str(v) : $"{operators[i - 1]} {Str(v)}"));
        var question = $"What is {expression}?";
        return new TaskItem(expression, question, PromptTemplate.Apply(_template, question), TaskKind.Math, Str(Evaluate(operands, operators)));
    }

    public (string Think, string Answer)? GuideAlphabets => ("0123456789" + _options.Operators + "= ", "0123456789-");

    public IReadOnlyList<TaskItem> HeldOut(int count)
    {
        var random = new DeterministicRandom((ulong)_options.HeldOutSeed);
        return [.. Enumerable.Range(0, count).Select(_ => Next(random))];
    }

    /// <summary>Evaluates left to right with * binding tighter than + and -.</summary>
    internal static long Evaluate(IReadOnlyList<long> operands, IReadOnlyList<char> operators)
    {
        var terms = new List<long> { operands[0] };
        var signs = new List<int> { 1 };
        for (var i = 0; i < operators.Count; i++)
        {
            switch (operators[i])
            {
                case '*':
                    terms[^1] *= operands[i + 1];
                    break;
                case '+':
                    terms.Add(operands[i + 1]);
                    signs.Add(1);
                    break;
                default:
                    terms.Add(operands[i + 1]);
                    signs.Add(-1);
                    break;
            }
        }

        return terms.Select((t, i) => signs[i] * t).Sum();
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
