using System.Globalization;

namespace Verifier.Core.Code;

/// <summary>
/// How a number the program produced (an io token or a JSON number) is held against the expected number.
/// <para>
/// Without a per-test tolerance (<see cref="Strict"/>), an expected integer (digits with an optional sign, no decimal
/// point, no exponent) is matched only by the same integer written as an integer: same digits, so <c>007</c> is not
/// <c>7</c>, <c>1e9</c> is not <c>1000000000</c>, <c>123456790.0</c> is not <c>123456789</c>; same sign, so <c>+5</c>
/// is not <c>5</c>, except that zero has no sign (<c>-0</c> is <c>0</c>: it is the same integer, and C's
/// <c>printf("%.0f", -0.2)</c> prints it). Integers of any length compare digit by digit, never through a double.
/// An expected decimal is matched by any number token of the same value or within the configured tolerance
/// (<see cref="NumericTolerance.WithinTolerance"/>), an integer token included (<c>3</c> for <c>3.0</c>).
/// </para>
/// <para>
/// Returned JSON values (<see cref="StrictValues"/>) hold an expected integer to its exact value instead of its
/// spelling: a function that returns the float <c>2.0</c> for an expected <c>2</c> returned that very number (JSON
/// has no leading zeros or plus signs to tell apart), while <c>1e9</c> for <c>1000000007</c>, <c>123456790.0</c> for
/// <c>123456789</c> or a double's <c>9.2233720368547758e+18</c> for 2^63-1 are other numbers, never within a tolerance.
/// </para>
/// <para>
/// A test that states a tolerance (<see cref="Tolerant"/>) compares every number, integers included, by value:
/// equal values always match (<c>1e9</c> and <c>1000000000</c>, <c>007</c> and <c>7</c>), and with a tolerance
/// above 0 so do values within it. A tolerance of 0 is exact value equality everywhere.
/// </para>
/// Tokens that are not plain decimal numbers (<c>0x10</c>, <c>inf</c>, <c>nan</c>) are never numbers: they match
/// only the identical text, which the comparers check before asking this rule.
/// </summary>
public sealed class NumberRule
{
    private enum Integers
    {
        /// <summary>The same integer written as an integer.</summary>
        AsWritten,

        /// <summary>Exactly the same value, however written.</summary>
        ExactValue,

        /// <summary>By value, within the tolerance.</summary>
        WithinTolerance,
    }

    private readonly Integers _integers;

    // Set only by Float: then Tolerance is relative to the expected value alone, and this is an absolute one beside it.
    private readonly double? _absolute;

    private NumberRule(double tolerance, Integers integers, double? absolute = null)
    {
        Tolerance = tolerance >= 0 && double.IsFinite(tolerance)
            ? tolerance
            : throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "a finite, non-negative tolerance");
        _integers = integers;
        _absolute = absolute is null or (>= 0 and < double.PositiveInfinity)
            ? absolute
            : throw new ArgumentOutOfRangeException(nameof(absolute), absolute, "a finite, non-negative tolerance");
    }

    /// <summary>The tolerance for decimals, and (when <see cref="IntegersByValue"/>) for integers too.</summary>
    public double Tolerance { get; }

    /// <summary>Whether an expected integer may be matched by another spelling of (nearly) the same value.</summary>
    public bool IntegersByValue => _integers == Integers.WithinTolerance;

    /// <summary>Expected integers exactly as written; expected decimals within <paramref name="decimalTolerance"/>.</summary>
    public static NumberRule Strict(double decimalTolerance = NumericTolerance.Default) => new(decimalTolerance, Integers.AsWritten);

    /// <summary>Expected integers by exact value (returned JSON); expected decimals within <paramref name="decimalTolerance"/>.</summary>
    public static NumberRule StrictValues(double decimalTolerance = NumericTolerance.Default) => new(decimalTolerance, Integers.ExactValue);

    /// <summary>Every number by value, within <paramref name="tolerance"/> (0: exactly equal values).</summary>
    public static NumberRule Tolerant(double tolerance) => new(tolerance, Integers.WithinTolerance);

    /// <summary>
    /// The float checker's rule: expected integers exactly as written (as <see cref="Strict"/>); an expected decimal is
    /// matched by a number within <paramref name="absolute"/> of it, or within <paramref name="relative"/> times its size.
    /// </summary>
    public static NumberRule Float(double absolute, double relative) => new(relative, Integers.AsWritten, absolute);

    /// <summary>The rule for a test set: its own tolerance when it states one, else <see cref="Strict"/> with the configured one.</summary>
    public static NumberRule For(CodeTests tests, double configuredTolerance)
    {
        ArgumentNullException.ThrowIfNull(tests);
        var stated = tests switch
        {
            IoTests io => io.Tolerance,
            FunctionTests function => function.Tolerance,
            _ => null,
        };
        return stated is { } tolerance ? Tolerant(tolerance)
            : tests is FunctionTests ? StrictValues(configuredTolerance)
            : Strict(configuredTolerance);
    }

    /// <summary>Whether <paramref name="actual"/> matches <paramref name="expected"/>; false unless both are number tokens.</summary>
    public bool Matches(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return NumericTolerance.IsNumberToken(expected);
        }

        if (!NumericTolerance.IsNumberToken(expected) || !NumericTolerance.IsNumberToken(actual))
        {
            return false;
        }

        if (_integers == Integers.AsWritten && NumericTolerance.IsIntegerToken(expected))
        {
            return NumericTolerance.IsIntegerToken(actual) && SameInteger(expected, actual);
        }

        if (ExactDecimal.TryParse(expected) is { } want && ExactDecimal.TryParse(actual) is { } got && want.Equals(got))
        {
            return true;
        }

        if (_integers == Integers.ExactValue && NumericTolerance.IsIntegerToken(expected))
        {
            return false;
        }

        // Doubles only decide "close enough"; equality was settled exactly above, so a tolerance of 0 never reaches them.
        var wantValue = double.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture);
        var gotValue = double.Parse(actual, NumberStyles.Float, CultureInfo.InvariantCulture);
        return _absolute is { } absolute
            ? (absolute > 0 || Tolerance > 0) && NumericTolerance.WithinAbsoluteOrRelative(wantValue, gotValue, absolute, Tolerance)
            : Tolerance > 0 && NumericTolerance.WithinTolerance(wantValue, gotValue, Tolerance);
    }

    /// <summary>Same digits (leading zeros included) and the same sign; zero's sign does not count.</summary>
    private static bool SameInteger(string expected, string actual)
    {
        var expectedDigits = expected.AsSpan(SignLength(expected));
        var actualDigits = actual.AsSpan(SignLength(actual));
        if (!expectedDigits.SequenceEqual(actualDigits))
        {
            return false;
        }

        var expectedSign = expectedDigits.Length < expected.Length ? expected[0] : '\0';
        var actualSign = actualDigits.Length < actual.Length ? actual[0] : '\0';
        return expectedSign == actualSign || !expectedDigits.ContainsAnyExcept('0');
    }

    private static int SignLength(string token) => token[0] is '+' or '-' ? 1 : 0;
}
