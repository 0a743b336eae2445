using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// Times of day: equal when both are certain and the same (4:30 p.m. and 16:30), or both written without am/pm
/// the same way. A bare 4:30 against 4:30 p.m. or 16:30 is undecided (the gold's author may have meant either half of
/// the day), and never equal; against 5:30 p.m. it is different,
/// as it is wherever no reading of the bare time can make the two agree.
/// </summary>
internal static class ClockTimes
{
    public static Equivalence Compare(ClockTimeNode gold, ClockTimeNode predicted)
    {
        if (gold.Minute != predicted.Minute)
        {
            return Equivalence.Different;
        }

        if (gold.HalfDayKnown == predicted.HalfDayKnown)
        {
            return gold.Hour == predicted.Hour ? Equivalence.Equal : Equivalence.Different;
        }

        // One side is 1-12 without am/pm: it could be the other only if the hours agree on a 12-hour clock.
        return gold.Hour % 12 == predicted.Hour % 12 ? Equivalence.Unknown : Equivalence.Different;
    }
}
