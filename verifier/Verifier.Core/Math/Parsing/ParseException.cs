using Verifier.Core.Math.Budget;

namespace Verifier.Core.Math.Parsing;

/// <summary>The text is not an answer the parser understands; the caller falls back to text comparison.</summary>
internal sealed class ParseException : Exception
{
    public ParseException(string message)
        : base(message)
    {
    }
}

/// <summary>State shared by a parser and the sub-parsers it starts for macro arguments.</summary>
internal sealed class ParseState(CheckBudget budget, int maxDepth, bool commaThousands)
{
    public CheckBudget Budget { get; } = budget;

    public int MaxDepth { get; } = maxDepth;

    public bool CommaThousands { get; } = commaThousands;

    public int Depth { get; private set; }

    /// <summary>Enters one level of nesting; explicit limits keep hostile input off the call stack's edge.</summary>
    public DepthScope Enter()
    {
        if (++Depth > MaxDepth)
        {
            Depth--;
            throw new ParseException("nesting too deep");
        }

        return new DepthScope(this);
    }

    public readonly struct DepthScope(ParseState state) : IDisposable
    {
        public void Dispose() => state.Depth--;
    }
}
