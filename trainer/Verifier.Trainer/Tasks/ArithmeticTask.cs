using System.Globalization;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tasks;

/// <summary>
/// Procedural arithmetic with exact gold answers, in the R1-Zero template, so training needs no download.
/// Expressions are evaluated with the usual precedence (* before + and -).
/// </summary>
public sealed class ArithmeticTask : ITaskSource
{
    private const int MaxEnumerated = 200_000;
    private readonly ArithmeticTaskOptions _options;
    private readonly string? _template;
    private readonly long[][][]? _byAnswer;

    public ArithmeticTask(ArithmeticTaskOptions options, string? template = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _template = template;
        if (options.BalanceAnswers)
        {
            _byAnswer = EnumerateByAnswer(options);
        }
    }

    public TaskItem Next(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var operands = new long[_options.Operands];
        var operators = new char[_options.Operands - 1];
        if (_byAnswer is not null)
        {
            // Encoded as [operand0, op0, operand1, op1, ...] with operators stored as their char codes.
            var group = _byAnswer[random.NextInt(0, _byAnswer.Length)];
            var pick = group[random.NextInt(0, group.Length)];
            for (var i = 0; i < operands.Length; i++)
            {
                operands[i] = pick[2 * i];
                if (i < operators.Length)
                {
                    operators[i] = (char)pick[(2 * i) + 1];
                }
            }
        }
        else
        {
            for (var i = 0; i < operands.Length; i++)
            {
                operands[i] = random.NextInt(_options.MinOperand, _options.MaxOperand + 1);
            }

            for (var i = 0; i < operators.Length; i++)
            {
                operators[i] = _options.Operators[random.NextInt(0, _options.Operators.Length)];
            }
        }

        return Create(operands, operators);
    }

    private TaskItem Create(long[] operands, char[] operators)
    {
        var expression = string.Join(' ', operands.Select((v, i) => i == 0 ? Str(v) : $"{operators[i - 1]} {Str(v)}"));
        var question = $"What is {expression}?";
        return new TaskItem(expression, question, PromptTemplate.Apply(_template, question), TaskKind.Math, Str(Evaluate(operands, operators)));
    }

    public GuideSpec? Guide => new("0123456789" + _options.Operators + "= ", "0123456789-", MaxAnswerLength(), _options.MaxThinkTokens);

    /// <summary>Characters of the longest answer: exact when the expressions are enumerated, else a bound.</summary>
    private int MaxAnswerLength()
    {
        if (_byAnswer is not null)
        {
            return _byAnswer.Max(g => Str(Evaluate(Operands(g[0]), Operators(g[0]))).Length);
        }

        var max = (double)_options.MaxOperand;
        var bound = _options.Operators.Contains('*', StringComparison.Ordinal) ? Math.Pow(max, _options.Operands) : max * _options.Operands;
        var sign = _options.Operators.Contains('-', StringComparison.Ordinal) ? 1 : 0;
        return Str((long)Math.Min(bound, long.MaxValue / 2)).Length + sign;
    }

    private static long[] Operands(long[] encoded) => [.. encoded.Where((_, i) => i % 2 == 0)];

    private static char[] Operators(long[] encoded) => [.. encoded.Where((_, i) => i % 2 == 1).Select(v => (char)v)];

    public IReadOnlyList<TaskItem> HeldOut(int count)
    {
        var random = new DeterministicRandom((ulong)_options.HeldOutSeed);
        return [.. Enumerable.Range(0, count).Select(_ => Next(random))];
    }

    /// <summary>Every expression grouped by its value, or null when there are too many to list.</summary>
    private static long[][][]? EnumerateByAnswer(ArithmeticTaskOptions options)
    {
        var values = options.MaxOperand - options.MinOperand + 1;
        var count = Math.Pow(values, options.Operands) * Math.Pow(options.Operators.Length, options.Operands - 1);
        if (count > MaxEnumerated)
        {
            return null;
        }

        var groups = new SortedDictionary<long, List<long[]>>();
        var operands = new long[options.Operands];
        var operators = new char[options.Operands - 1];
        void Fill(int index)
        {
            if (index == operands.Length)
            {
                var encoded = new long[(2 * operands.Length) - 1];
                for (var i = 0; i < operands.Length; i++)
                {
                    encoded[2 * i] = operands[i];
                    if (i < operators.Length)
                    {
                        encoded[(2 * i) + 1] = operators[i];
                    }
                }

                var value = Evaluate(operands, operators);
                if (!groups.TryGetValue(value, out var list))
                {
                    groups[value] = list = [];
                }

                list.Add(encoded);
                return;
            }

            for (var v = options.MinOperand; v <= options.MaxOperand; v++)
            {
                operands[index] = v;
                if (index < operators.Length)
                {
                    foreach (var op in options.Operators.Distinct())
                    {
                        operators[index] = op;
                        Fill(index + 1);
                    }
                }
                else
                {
                    Fill(index + 1);
                }
            }
        }

        Fill(0);
        return [.. groups.Values.Select(g => g.ToArray())];
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
