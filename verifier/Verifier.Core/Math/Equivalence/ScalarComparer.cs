using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Numbers;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// Compares two scalar expressions: canonical form first, then exact rational arithmetic, then ball
/// arithmetic with rising precision; with variables, the same at seeded random points.
/// </summary>
internal sealed class ScalarComparer
{
    private readonly CompareSettings _settings;
    private readonly CheckBudget _budget;

    public ScalarComparer(CompareSettings settings, CheckBudget budget)
    {
        _settings = settings;
        _budget = budget;
    }

    public Equivalence Compare(MathNode gold, MathNode predicted)
    {
        // 28% matches 28 and 0.28; 30 degrees matches 30 and pi/6.
        if (gold is PercentNode gp && predicted is PercentNode pp)
        {
            return CompareValues(gp.Operand, pp.Operand);
        }

        if (gold is PercentNode || predicted is PercentNode)
        {
            var (percent, other) = gold is PercentNode g ? (g, predicted) : ((PercentNode)predicted, gold);
            var asFraction = CompareValues(new DivideNode(percent.Operand, new NumberNode(100)), other);
            return asFraction == Equivalence.Equal ? asFraction : asFraction.Or(CompareValues(percent.Operand, other));
        }

        if (gold is DegreeNode gd && predicted is DegreeNode pd)
        {
            return CompareValues(gd.Operand, pd.Operand);
        }

        if (gold is DegreeNode || predicted is DegreeNode)
        {
            var (degree, other) = gold is DegreeNode d ? (d, predicted) : ((DegreeNode)predicted, gold);
            var plain = CompareValues(degree.Operand, other);
            if (plain == Equivalence.Equal)
            {
                return plain;
            }

            var radians = new DivideNode(new MultiplyNode([degree.Operand, new ConstantNode(ConstantKind.Pi)]), new NumberNode(180));
            return plain.Or(CompareValues(radians, other));
        }

        return CompareValues(gold, predicted);
    }

    public Equivalence CompareValues(MathNode a, MathNode b)
    {
        if (a is NumberNode na && b is NumberNode nb)
        {
            return CompareExact(GaussianRational.FromReal(na.Value), GaussianRational.FromReal(nb.Value));
        }

        if (CanonicalKey.Of(a) == CanonicalKey.Of(b))
        {
            return Equivalence.Equal;
        }

        var aInfinite = NodeQueries.ContainsInfinity(a);
        var bInfinite = NodeQueries.ContainsInfinity(b);
        if (aInfinite || bInfinite)
        {
            return CompareInfinities(a, b, aInfinite, bInfinite);
        }

        if (NodeQueries.ContainsOpaque(a) || NodeQueries.ContainsOpaque(b) || NodeQueries.ContainsPlusMinus(a) || NodeQueries.ContainsPlusMinus(b))
        {
            return Equivalence.Unknown;
        }

        var variables = new SortedSet<string>(StringComparer.Ordinal);
        NodeQueries.CollectVariables(a, variables);
        NodeQueries.CollectVariables(b, variables);
        if (variables.Count == 0)
        {
            return CompareAtPoint(a, b, null);
        }

        return CompareAtRandomPoints(a, b, variables);
    }

    private static Equivalence CompareInfinities(MathNode a, MathNode b, bool aInfinite, bool bInfinite)
    {
        var aPure = NodeQueries.IsInfinity(a, out var aNegative);
        var bPure = NodeQueries.IsInfinity(b, out var bNegative);
        if (aPure && bPure)
        {
            return aNegative == bNegative ? Equivalence.Equal : Equivalence.Different;
        }

        return aInfinite != bInfinite && (aPure || bPure) ? Equivalence.Different : Equivalence.Unknown;
    }

    private Equivalence CompareAtRandomPoints(MathNode a, MathNode b, SortedSet<string> variables)
    {
        // Points alternate in sign (sqrt(x^2) and x agree only on one side); one more agreeing point than the
        // minimum, with both signs seen, is enough; further points are only tried when some were unusable.
        var random = new SamplePoints(Seed(a, b));
        var agreeing = 0;
        var agreeingNegative = 0;
        for (var point = 0; point < _settings.RandomPoints; point++)
        {
            var negative = point % 2 == 1;
            var assignment = new Dictionary<string, BigRational>(StringComparer.Ordinal);
            foreach (var variable in variables)
            {
                assignment[variable] = random.Next(negative);
            }

            var result = CompareAtPoint(a, b, assignment);
            if (result == Equivalence.Different)
            {
                return Equivalence.Different;
            }

            if (result == Equivalence.Equal)
            {
                agreeing++;
                agreeingNegative += negative ? 1 : 0;
                if (agreeing > _settings.MinimumAgreeingPoints && agreeingNegative > 0 && agreeingNegative < agreeing)
                {
                    break;
                }
            }
        }

        return agreeing >= _settings.MinimumAgreeingPoints ? Equivalence.Equal : Equivalence.Unknown;
    }

    /// <summary>Seeded from both expressions: deterministic, yet no fixed point set an adversary could aim at.</summary>
    private static ulong Seed(MathNode a, MathNode b)
    {
        var hash = 14695981039346656037UL;
        foreach (var key in (ReadOnlySpan<string>)[CanonicalKey.Of(a), CanonicalKey.Of(b)])
        {
            foreach (var c in key)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }
        }

        return hash;
    }

    public Equivalence CompareAtPoint(MathNode a, MathNode b, IReadOnlyDictionary<string, BigRational>? assignment)
    {
        var exact = new ExactEvaluator(_budget, assignment).WithMemo();
        if (exact.TryEvaluate(a, out var ea) && exact.TryEvaluate(b, out var eb))
        {
            return CompareExact(ea, eb);
        }

        return CompareNumerically(a, b, assignment, exact);
    }

    private Equivalence CompareExact(GaussianRational a, GaussianRational b)
    {
        if (!_settings.HasTolerance || !a.IsReal || !b.IsReal)
        {
            return a == b ? Equivalence.Equal : Equivalence.Different;
        }

        var difference = (a.Re - b.Re).Abs();
        if (_settings.AbsoluteTolerance is { } absolute && difference.ToDouble() <= absolute)
        {
            return Equivalence.Equal;
        }

        if (_settings.RelativeTolerance is { } relative)
        {
            var scale = a.Re.Abs() > b.Re.Abs() ? a.Re.Abs() : b.Re.Abs();
            if (difference.IsZero || difference.ToDouble() <= relative * scale.ToDouble())
            {
                return Equivalence.Equal;
            }
        }

        return difference.IsZero ? Equivalence.Equal : Equivalence.Different;
    }

    private Equivalence CompareNumerically(MathNode a, MathNode b, IReadOnlyDictionary<string, BigRational>? assignment, ExactEvaluator exact)
    {
        var literalBits = System.Math.Min(NodeQueries.LiteralBits(a) + NodeQueries.LiteralBits(b), 8192);
        var precision = (int)(_settings.InitialPrecisionBits + literalBits);
        var maxPrecision = System.Math.Max(_settings.MaxPrecisionBits, precision);
        while (precision <= maxPrecision)
        {
            var context = new BallContext(precision, _budget);
            var evaluator = new BallEvaluator(context, assignment, exact);
            ComplexBall va;
            ComplexBall vb;
            try
            {
                va = evaluator.Evaluate(a);
                vb = evaluator.Evaluate(b);
            }
            catch (EvaluationException e) when (e.PrecisionLimited)
            {
                precision *= 2;
                continue;
            }
            catch (EvaluationException)
            {
                return Equivalence.Unknown;
            }

            var decision = Decide(context, va, vb);
            if (decision != Equivalence.Unknown)
            {
                return decision;
            }

            precision *= 2;
        }

        return Equivalence.Unknown;
    }

    private Equivalence Decide(BallContext context, ComplexBall a, ComplexBall b)
    {
        var re = context.Subtract(a.Re, b.Re);
        var im = context.Subtract(a.Im, b.Im);
        var differenceUpper = System.Math.Max(re.UpperLog2, im.UpperLog2) + 0.5;
        var scaleUpper = System.Math.Max(a.UpperLog2, b.UpperLog2);

        if (_settings.HasTolerance)
        {
            var allowed = double.NegativeInfinity;
            if (_settings.AbsoluteTolerance is { } absolute)
            {
                allowed = System.Math.Log2(absolute);
            }

            if (_settings.RelativeTolerance is { } relative)
            {
                var scaleLower = System.Math.Max(LowerLog2(a), LowerLog2(b));
                allowed = System.Math.Max(allowed, System.Math.Log2(relative) + scaleLower);
            }

            if (differenceUpper <= allowed)
            {
                return Equivalence.Equal;
            }

            var differenceLower = System.Math.Max(LowerLog2(re), LowerLog2(im));
            var allowedUpper = System.Math.Max(
                _settings.AbsoluteTolerance is { } abs ? System.Math.Log2(abs) : double.NegativeInfinity,
                _settings.RelativeTolerance is { } rel ? System.Math.Log2(rel) + scaleUpper : double.NegativeInfinity);
            if (differenceLower > allowedUpper)
            {
                return Equivalence.Different;
            }
        }

        if (re.IsCertainlyNonZero || im.IsCertainlyNonZero)
        {
            return Equivalence.Different;
        }

        if (context.Unresolved)
        {
            return Equivalence.Unknown;
        }

        if (a.IsExactZero && b.IsExactZero)
        {
            return Equivalence.Equal;
        }

        // Equal only when the two agree to many bits relative to their size; zero-sized values never qualify.
        var scale = System.Math.Max(a.MidLog2, b.MidLog2);
        var radius = System.Math.Max(re.RadiusLog2, im.RadiusLog2);
        if (!double.IsNegativeInfinity(scale) && radius <= scale - _settings.RequiredAgreementBits && System.Math.Max(LowerLog2(a), LowerLog2(b)) > radius + _settings.RequiredAgreementBits)
        {
            return Equivalence.Equal;
        }

        return Equivalence.Unknown;
    }

    private static double LowerLog2(RealBall x)
    {
        if (x.Mid.IsZero)
        {
            return double.NegativeInfinity;
        }

        var mid = x.MidLog2;
        if (x.RadiusLog2 >= mid)
        {
            return double.NegativeInfinity;
        }

        return mid + System.Math.Log2(1 - System.Math.Pow(2, x.RadiusLog2 - mid));
    }

    private static double LowerLog2(ComplexBall x) => System.Math.Max(LowerLog2(x.Re), LowerLog2(x.Im));
}

/// <summary>Deterministic sample values: rationals p/q with 3-digit numerators and 2-digit denominators.</summary>
internal sealed class SamplePoints(ulong seed)
{
    private ulong _state = seed | 1;

    public BigRational Next(bool negative)
    {
        var numerator = 101 + (long)(NextRaw() % 899);
        var denominator = 11 + (long)(NextRaw() % 87);
        var value = BigRational.Create(numerator, denominator);
        return negative ? -value : value;
    }

    private ulong NextRaw()
    {
        // xorshift64*
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 2685821657736338717UL;
    }
}
