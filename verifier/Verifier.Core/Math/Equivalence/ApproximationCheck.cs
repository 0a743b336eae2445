using System.Numerics;
using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Numbers;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// The rule for <c>A \approx B</c> (also <c>\simeq</c>, <c>\sim</c>, <c>≈</c>, which parse to the same relation).
/// The answer is the exact part, everything before the first <c>\approx</c> (<see cref="AnswerNormalizer.StatedValue"/>):
/// <c>\pi \approx 3.14</c> states π, so it matches gold π and not gold 3.14; <c>1 \approx 2</c> states 1. Only when the
/// exact part is a bare name (<c>x \approx 2</c>) is the first approximation the answer. Every later approximation must
/// agree with that answer to less than one unit in its last written digit, i.e. be the answer rounded down or up to that
/// digit (<c>\frac{2}{3} \approx 0.666</c> and <c>0.667</c> do, <c>\frac{1}{3} \approx 0.5</c> and <c>2 \approx 1</c> do not); an approximation
/// that is not a plain number must equal the answer. An answer that contradicts itself is a hedge between two values,
/// and is wrong whatever the gold: otherwise <c>2 \approx 1</c> would be right for gold 2. An approximation with no exact
/// part at all (<c>\approx 0.577</c>) never comes here: the parser reads it as the plain number, which the caller's
/// tolerance judges (exact by default), so an answer cannot earn the looser last-digit rule by writing <c>\approx</c>.
/// </summary>
internal sealed class ApproximationCheck(CompareSettings settings, CheckBudget budget)
{
    /// <summary>Decimal places past which a literal's last digit is not worth finding (and its unit underflows a double anyway).</summary>
    private const int MaxDecimalPlaces = 300;

    /// <summary>False when some approximation, anywhere in the answer, disagrees with the value it approximates.</summary>
    public bool IsConsistent(MathNode answer)
    {
        var pending = new Stack<MathNode>();
        pending.Push(answer);
        while (pending.Count > 0)
        {
            budget.Tick();
            var node = pending.Pop();
            if (node is RelationNode relation && !ApproximationsAgree(relation))
            {
                return false;
            }

            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }

        return true;
    }

    private bool ApproximationsAgree(RelationNode relation)
    {
        var exactLength = AnswerNormalizer.ExactPartLength(relation);
        var operands = relation.Operands;
        if (exactLength == operands.Count || AnswerNormalizer.StatedValue(relation) is not { } value)
        {
            return true; // no approximation, or a genuine equation ("x + y = 3") that states no value to approximate
        }

        var first = exactLength == 1 && NodeQueries.IsNameLike(operands[0]) ? 2 : exactLength;
        for (var i = first; i < operands.Count; i++)
        {
            if (!Approximates(operands[i], value))
            {
                return false;
            }
        }

        return true;
    }

    private bool Approximates(MathNode approximation, MathNode value)
    {
        // Just under one unit: a rounded or a truncated last digit passes, a neighbouring value (1 \approx 2) does not.
        var comparer = LastDigitUnit(approximation) is { } unit
            ? new ScalarComparer(settings with { AbsoluteTolerance = unit * (1 - 1e-9) }, budget)
            : new ScalarComparer(settings, budget);
        return comparer.Compare(value, approximation) == Equivalence.Equal;
    }

    /// <summary>
    /// The unit of the last written digit: 10^-k for a literal with k decimal places (3.14: 0.01; 2.0, read as 2: 1),
    /// scaled for a percentage (33%: 0.01) or a power of ten (6.02 \times 10^{23}: 10^21); null for anything else.
    /// </summary>
    private static double? LastDigitUnit(MathNode node)
    {
        while (node is NegateNode negate)
        {
            node = negate.Operand;
        }

        return node switch
        {
            NumberNode number => DecimalPlaces(number.Value) is { } places ? System.Math.Pow(10, -places) : null,
            PercentNode percent => LastDigitUnit(percent.Operand) / 100,
            MultiplyNode { Factors: [NumberNode mantissa, PowerNode { Base: NumberNode { Value: var ten } } power] } when ten == 10
                => LastDigitUnit(mantissa) * (TenExponent(power.Exponent) is { } exponent ? System.Math.Pow(10, exponent) : null),
            _ => null,
        };
    }

    private static int? TenExponent(MathNode exponent) => exponent switch
    {
        NumberNode { Value: { IsInteger: true } value } when BigInteger.Abs(value.Numerator) <= MaxDecimalPlaces => (int)value.Numerator,
        NegateNode { Operand: NumberNode { Value: { IsInteger: true } value } } when value.Numerator <= MaxDecimalPlaces => -(int)value.Numerator,
        _ => null,
    };

    /// <summary>The least k with value * 10^k an integer; null when there is none (a denominator with a factor other than 2 and 5).</summary>
    private static int? DecimalPlaces(BigRational value)
    {
        var denominator = value.Denominator;
        var twos = (int)BigInteger.TrailingZeroCount(denominator);
        if (twos > MaxDecimalPlaces)
        {
            return null;
        }

        denominator >>= twos;
        var fives = 0;
        while (!denominator.IsOne && fives <= MaxDecimalPlaces)
        {
            var quotient = BigInteger.DivRem(denominator, 5, out var remainder);
            if (!remainder.IsZero)
            {
                return null;
            }

            denominator = quotient;
            fives++;
        }

        return denominator.IsOne ? System.Math.Max(twos, fives) : null;
    }
}
