using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Numbers;

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
        while (_lexer.Peek().Kind == TokenKind.SetOperation)
        {
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
                _lexer.Next();
                var term = ParseTerm() ?? throw new ParseException("operator without operand");
                terms.Add(kind switch
                {
                    TokenKind.Minus => new NegateNode(term),
                    TokenKind.PlusMinus => new PlusMinusNode(term),
                    _ => term,
                });
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

    private MathNode? ParseTerm()
    {
        MathNode? result = null;
        var factorCount = 0;
        while (true)
        {
            _state.Budget.Tick();
            var next = _lexer.Peek();
            if (next.Kind is TokenKind.Times or TokenKind.Divide)
            {
                if (result is null)
                {
                    throw new ParseException("operator without left operand");
                }

                _lexer.Next();
                var right = ParseSignedFactor() ?? throw new ParseException("operator without right operand");
                result = next.Kind == TokenKind.Times ? Multiply(result, right) : new DivideNode(result, right);
                factorCount++;
                continue;
            }

            if (next.Kind is TokenKind.Unit or TokenKind.Text && result is not null)
            {
                // A unit or a remark after a quantity ("5 cm", "15\text{ cm}^2").
                _lexer.Next();
                SkipUnitExponent();
                continue;
            }

            if (result is not null && !CanStartImplicitFactor(next))
            {
                break;
            }

            if (result is null && !CanStartFactor(next))
            {
                break;
            }

            var factor = ParsePostfix();
            if (factor is null)
            {
                continue;
            }

            if (result is null)
            {
                result = factor;
            }
            else if (factorCount == 1 && IsMixedNumber(result, factor))
            {
                result = new AddNode([result, factor]);
            }
            else
            {
                result = Multiply(result, factor);
            }

            factorCount++;
        }

        return result;
    }

    /// <summary>"137 \frac{1}{2}": a whole number directly followed by a proper fraction of literals.</summary>
    private static bool IsMixedNumber(MathNode whole, MathNode fraction) =>
        whole is NumberNode { IsDecimal: false } w && w.Value.IsInteger && w.Value.Sign > 0 &&
        fraction is DivideNode { Numerator: NumberNode n, Denominator: NumberNode d } &&
        n.Value.IsInteger && d.Value.IsInteger && n.Value.Sign > 0 && n.Value < d.Value && !n.IsDecimal && !d.IsDecimal;

    private static MathNode Multiply(MathNode left, MathNode right) =>
        left is MultiplyNode m ? new MultiplyNode([.. m.Factors, right]) : new MultiplyNode([left, right]);

    private void SkipUnitExponent()
    {
        if (_lexer.Peek().Kind == TokenKind.Power)
        {
            _lexer.Next();
            _ = ReadScriptArgument();
        }
    }

    private MathNode? ParseSignedFactor()
    {
        using var scope = _state.Enter();
        var kind = _lexer.Peek().Kind;
        switch (kind)
        {
            case TokenKind.Minus:
                _lexer.Next();
                return new NegateNode(ParseSignedFactor() ?? throw new ParseException("sign without operand"));
            case TokenKind.Plus:
                _lexer.Next();
                return ParseSignedFactor();
            case TokenKind.PlusMinus:
                _lexer.Next();
                return new PlusMinusNode(ParseSignedFactor() ?? throw new ParseException("sign without operand"));
            default:
                return ParsePostfix();
        }
    }

    private static bool CanStartFactor(Token token) => token.Kind is TokenKind.Number or TokenKind.Identifier
        or TokenKind.Constant or TokenKind.Function or TokenKind.Command or TokenKind.LeftParen or TokenKind.LeftBracket
        or TokenKind.LeftBrace or TokenKind.LeftSetBrace or TokenKind.Bar or TokenKind.LeftFloor or TokenKind.LeftCeiling
        or TokenKind.EmptySet or TokenKind.Ellipsis or TokenKind.Text or TokenKind.Unit;

    private bool CanStartImplicitFactor(Token token) => token.Kind is TokenKind.Number or TokenKind.Identifier
        or TokenKind.Constant or TokenKind.Function or TokenKind.Command or TokenKind.LeftParen or TokenKind.LeftBrace
        or TokenKind.LeftFloor or TokenKind.LeftCeiling
        || (token.Kind == TokenKind.Bar && _absoluteDepth == 0);

    private MathNode? ParsePostfix()
    {
        using var scope = _state.Enter();
        var node = ParsePrimary();
        if (node is null)
        {
            return null;
        }

        while (true)
        {
            var next = _lexer.Peek();
            switch (next.Kind)
            {
                case TokenKind.Power:
                    _lexer.Next();
                    var raw = ReadScriptArgument();
                    if (raw.Trim() is "\\circ" or "{\\circ}" or "\\degree" or "o")
                    {
                        node = new DegreeNode(node);
                    }
                    else if (raw.Trim() is "\\prime" or "'")
                    {
                        node = node is SymbolNode primed ? new SymbolNode(primed.Name + "'") : node;
                    }
                    else
                    {
                        node = new PowerNode(node, ParseNestedRequired(raw));
                    }

                    break;
                case TokenKind.Factorial:
                    _lexer.Next();
                    node = new FunctionNode(FunctionKind.Factorial, [node]);
                    break;
                case TokenKind.Percent:
                    _lexer.Next();
                    node = new PercentNode(node);
                    break;
                case TokenKind.Degree:
                    _lexer.Next();
                    node = new DegreeNode(node);
                    break;
                case TokenKind.Prime:
                    _lexer.Next();
                    node = node is SymbolNode symbol ? new SymbolNode(symbol.Name + "'") : node;
                    break;
                case TokenKind.Subscript:
                    _lexer.Next();
                    node = ApplySubscript(node, _lexer.ReadArgument() ?? throw new ParseException("empty subscript"));
                    break;
                default:
                    return node;
            }
        }
    }

    /// <summary>Reads a ^ argument: TeX rules, except that plain text "2^10" and "x^(n+1)" mean what they say.</summary>
    private string ReadScriptArgument()
    {
        var raw = _lexer.ReadArgument() ?? throw new ParseException("empty exponent");
        if (raw is "-" or "+")
        {
            return raw + (_lexer.ReadArgument() ?? throw new ParseException("empty exponent"));
        }

        if (_plainText && raw == "(")
        {
            var rest = _lexer.ReadParenthesizedRest();
            return "(" + rest;
        }

        if (_plainText && raw.Length == 1 && char.IsAsciiDigit(raw[0]))
        {
            return raw + _lexer.ReadDigitsRaw();
        }

        return raw;
    }

    private MathNode ApplySubscript(MathNode node, string subscript)
    {
        var sub = subscript.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (node is NumberNode { IsDecimal: false } number && number.Value.IsInteger && TryBaseValue(number, sub, out var value))
        {
            return new NumberNode(value);
        }

        return node switch
        {
            SymbolNode symbol => new SymbolNode(symbol.Name + "_" + sub),
            TextNode text => new SymbolNode(text.Text.Trim() + "_" + sub),
            _ => node,
        };
    }

    /// <summary>"204_5", "4210_{5}": digits in the given base (2..36); anything else keeps the subscript as a name.</summary>
    private static bool TryBaseValue(NumberNode number, string baseText, out BigRational value)
    {
        value = default;
        if (!int.TryParse(baseText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var radix) || radix < 2 || radix > 36)
        {
            return false;
        }

        var digits = number.Value.Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = System.Numerics.BigInteger.Zero;
        foreach (var c in digits)
        {
            var d = c - '0';
            if (d >= radix)
            {
                return false;
            }

            result = (result * radix) + d;
        }

        value = BigRational.FromInteger(result);
        return true;
    }
}
