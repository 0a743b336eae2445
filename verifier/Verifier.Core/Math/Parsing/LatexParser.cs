using Verifier.Core.Math.Budget;

namespace Verifier.Core.Math.Parsing;

/// <summary>
/// Recursive-descent parser from LaTeX or plain text to a <see cref="MathNode"/> tree. Precedence, loosest
/// first: item lists (; then , and "and"), relations, set operations, ratios, sums, products (explicit and
/// implicit), signs, postfix (^ ! % °), primaries. Every nesting level goes through
/// <see cref="ParseState.Enter"/>, so 10,000 nested braces end in a <see cref="ParseException"/>, not a crash.
/// </summary>
internal sealed partial class LatexParser
{
    private readonly LatexLexer _lexer;
    private readonly ParseState _state;
    private readonly bool _plainText;
    private int _absoluteDepth;

    private LatexParser(string source, ParseState state)
    {
        _state = state;
        _lexer = new LatexLexer(source, state.Budget, state.CommaThousands);
        _plainText = source.IndexOf('\\', StringComparison.Ordinal) < 0 && source.IndexOf('{', StringComparison.Ordinal) < 0;
    }

    /// <summary>Set when a plain comma inside a number was read as a thousands separator.</summary>
    public bool SawAmbiguousThousands => _lexer.SawAmbiguousThousands;

    /// <summary>Parses a whole answer; throws <see cref="ParseException"/> when it is not one.</summary>
    public static MathNode Parse(string text, CheckBudget budget, int maxDepth, bool commaThousands, out bool ambiguousThousands)
    {
        var parser = new LatexParser(text, new ParseState(budget, maxDepth, commaThousands));
        var node = parser.ParseAll();
        ambiguousThousands = parser.SawAmbiguousThousands;
        return node;
    }

    private MathNode ParseAll()
    {
        var node = ParseList(TokenKind.End) ?? throw new ParseException("empty answer");
        if (_lexer.Peek().Kind != TokenKind.End)
        {
            throw new ParseException($"unexpected {_lexer.Peek().Kind}");
        }

        return node;
    }

    /// <summary>Parses a macro argument or environment cell with a sub-parser that shares the depth limit.</summary>
    private MathNode? ParseNested(string text)
    {
        using var scope = _state.Enter();
        var parser = new LatexParser(text, _state);
        var node = parser.ParseList(TokenKind.End);
        if (parser._lexer.Peek().Kind != TokenKind.End)
        {
            throw new ParseException($"unexpected {parser._lexer.Peek().Kind}");
        }

        return node;
    }

    private MathNode ParseNestedRequired(string? text) =>
        ParseNested(text ?? throw new ParseException("missing argument")) ?? throw new ParseException("empty argument");

    private static bool IsSeparator(TokenKind kind) =>
        kind is TokenKind.Comma or TokenKind.Semicolon or TokenKind.WordSeparator;

    /// <summary>Items separated by commas, semicolons and connectives, up to a closing token (not consumed).</summary>
    private MathNode? ParseList(TokenKind close, TokenKind alternateClose = TokenKind.End)
    {
        using var scope = _state.Enter();
        var items = new List<MathNode>();
        var groupEnds = new List<int>();
        var sawComma = false;
        while (true)
        {
            var next = _lexer.Peek();
            if (next.Kind == close || next.Kind == alternateClose || next.Kind == TokenKind.End)
            {
                break;
            }

            if (IsSeparator(next.Kind))
            {
                _lexer.Next();
                if (next.Kind == TokenKind.Semicolon)
                {
                    groupEnds.Add(items.Count);
                }
                else if (next.Kind == TokenKind.Comma)
                {
                    sawComma = true;
                }

                continue;
            }

            var item = ParseRelation();
            if (item is not null)
            {
                items.Add(item);
            }

            var after = _lexer.Peek().Kind;
            if (!IsSeparator(after) && after != close && after != alternateClose && after != TokenKind.End)
            {
                throw new ParseException($"unexpected {after}");
            }
        }

        if (items.Count == 0)
        {
            return null;
        }

        if (items.Count == 1)
        {
            return items[0];
        }

        // "p=5,q=2; p=7,q=2": semicolons group comma-separated items.
        if (sawComma && groupEnds.Count > 0)
        {
            var groups = new List<MathNode>();
            var start = 0;
            foreach (var end in groupEnds.Append(items.Count))
            {
                if (end > start)
                {
                    var group = items.GetRange(start, end - start);
                    groups.Add(group.Count == 1 ? group[0] : new SequenceNode(SequenceKind.List, group));
                }

                start = end;
            }

            return groups.Count == 1 ? groups[0] : new SequenceNode(SequenceKind.List, groups);
        }

        return new SequenceNode(SequenceKind.List, items);
    }

    private MathNode? ParseRelation()
    {
        var first = ParseSetExpression();
        if (_lexer.Peek().Kind != TokenKind.Relation)
        {
            return first;
        }

        if (first is null && _lexer.Peek().Relation == RelationKind.Approx)
        {
            // "\approx 0.577" on its own states only an approximate value: it is read as that value, and so held
            // to the caller's tolerance like a bare 0.577 (exact by default), not to the looser last-digit rule
            // that an approximation following an exact answer gets (ApproximationCheck).
            _lexer.Next();
            return ParseSetExpression() ?? throw new ParseException("\\approx without a value");
        }

        var operands = new List<MathNode> { first ?? throw new ParseException("relation without left side") };
        var kinds = new List<RelationKind>();
        while (_lexer.Peek().Kind == TokenKind.Relation)
        {
            kinds.Add(_lexer.Next().Relation);
            operands.Add(ParseSetExpression() ?? throw new ParseException("relation without right side"));
        }

        return new RelationNode(operands, kinds);
    }

    private MathNode? ParseSetExpression()
    {
        var left = ParseRatio();
        for (var nesting = 0; _lexer.Peek().Kind == TokenKind.SetOperation; nesting++)
        {
            if (nesting > _state.MaxDepth)
            {
                throw new ParseException("set expression too deep");
            }

            var kind = _lexer.Next().SetOperation;
            var operands = new List<MathNode> { left ?? throw new ParseException("set operation without operand") };
            operands.Add(ParseRatio() ?? throw new ParseException("set operation without operand"));
            while (_lexer.Peek().Kind == TokenKind.SetOperation && _lexer.Peek().SetOperation == kind)
            {
                _lexer.Next();
                operands.Add(ParseRatio() ?? throw new ParseException("set operation without operand"));
            }

            left = new SetOperationNode(kind, operands);
        }

        return left;
    }

    private MathNode? ParseRatio()
    {
        var first = ParseAdditive();
        if (_lexer.Peek().Kind != TokenKind.Colon)
        {
            return first;
        }

        var items = new List<MathNode> { first ?? throw new ParseException("ratio without operand") };
        while (_lexer.Peek().Kind == TokenKind.Colon)
        {
            _lexer.Next();
            items.Add(ParseAdditive() ?? throw new ParseException("ratio without operand"));
        }

        return new SequenceNode(SequenceKind.Ratio, items);
    }

    /// <summary>A sign and its term; repeated signs ("5 - -3", "+-2") nest, each one a level deeper.</summary>
    private MathNode ParseSignedTerm()
    {
        using var scope = _state.Enter();
        var kind = _lexer.Next().Kind;
        var next = _lexer.Peek().Kind;
        var term = next is TokenKind.Plus or TokenKind.Minus or TokenKind.PlusMinus
            ? ParseSignedTerm()
            : ParseTerm() ?? throw new ParseException("operator without operand");
        return kind switch
        {
            TokenKind.Minus => new NegateNode(term),
            TokenKind.PlusMinus => new PlusMinusNode(term),
            _ => term,
        };
    }

    private MathNode? ParseAdditive()
    {
        using var scope = _state.Enter();
        var terms = new List<MathNode>();
        var first = true;
        while (true)
        {
            var kind = _lexer.Peek().Kind;
            if (kind is TokenKind.Plus or TokenKind.Minus or TokenKind.PlusMinus)
            {
                terms.Add(ParseSignedTerm());
            }
            else if (first)
            {
                var term = ParseTerm();
                if (term is null)
                {
                    return null;
                }

                terms.Add(term);
            }
            else
            {
                break;
            }

            first = false;
        }

        return terms.Count == 1 ? terms[0] : new AddNode(terms);
    }
}
