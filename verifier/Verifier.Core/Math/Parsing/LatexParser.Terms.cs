using Verifier.Core.Math.Numbers;

namespace Verifier.Core.Math.Parsing;

/// <summary>Products (explicit and implicit), signs, and postfix operators: powers, factorials, %, degrees, subscripts.</summary>
internal sealed partial class LatexParser
{
    /// <summary>No honest answer multiplies thousands of factors; the limit keeps term building linear-ish.</summary>
    private const int MaxFactorsPerTerm = 2_000;

    private MathNode? ParseTerm()
    {
        MathNode? result = null;
        var factorCount = 0;
        var divisions = 0;
        var mixedNumber = false;
        var numeralsSoFar = true; // every factor so far was a bare numeral token: "(2)(1)/2" is a product, not 2½
        while (true)
        {
            _state.Budget.Tick(1 + factorCount / 64);
            if (factorCount > MaxFactorsPerTerm)
            {
                throw new ParseException("too many factors in one term");
            }

            var next = _lexer.Peek();
            if (next.Kind is TokenKind.Times or TokenKind.Divide)
            {
                if (result is null)
                {
                    throw new ParseException("operator without left operand");
                }

                _lexer.Next();
                if (next.Kind == TokenKind.Divide && ++divisions > _state.MaxDepth)
                {
                    throw new ParseException("too many divisions in one term");
                }

                var divisorIsNumeral = _lexer.Peek().Kind == TokenKind.Number;
                var right = ParseSignedFactor() ?? throw new ParseException("operator without right operand");
                if (next.Kind == TokenKind.Divide && factorCount == 2 && numeralsSoFar && divisorIsNumeral &&
                    result is MultiplyNode { Factors: [var whole, var numerator] } &&
                    IsMixedNumber(whole, new DivideNode(numerator, right)))
                {
                    // "1 1/2": two literals side by side never multiply; with a proper fraction they are a mixed number.
                    result = new AddNode([whole, new DivideNode(numerator, right)]);
                    mixedNumber = true;
                    factorCount++;
                    continue;
                }

                numeralsSoFar = false;

                // a/b/c is a/(b c): the tree stays shallow however long the chain.
                result = next.Kind == TokenKind.Times ? Multiply(result, right)
                    : result is DivideNode chained ? new DivideNode(chained.Numerator, Multiply(chained.Denominator, right))
                    : new DivideNode(result, right);
                factorCount++;
                continue;
            }

            if (next.Kind is TokenKind.Unit or TokenKind.Text && result is not null)
            {
                // A unit or a remark after a quantity ("5 cm", "15\text{ cm}^2") is dropped, but a scale word
                // ("5 thousand") multiplies. A remark with a number in it ("2\text{ (or 3)}") may hold a second
                // answer: the answer is not understood rather than read as its first value.
                if (next.Kind == TokenKind.Text && next.Name is { } remark && remark.Any(char.IsAsciiDigit))
                {
                    throw new ParseException("a remark with a number in it after a quantity");
                }

                _lexer.Next();
                SkipUnitExponent();
                var scale = ScaleOf(next.Name);
                if (scale != 1)
                {
                    result = Multiply(result, new NumberNode(BigRational.FromInteger(scale)));
                }

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

            if (mixedNumber)
            {
                // "2\frac{1}{2}x" is 2½·x to one reader and 2·½·x to another: neither reading is safe to reward.
                throw new ParseException("a mixed number followed by a factor is ambiguous");
            }

            var startsWithNumeral = next.Kind == TokenKind.Number;
            var factor = ParsePostfix();
            if (factor is null)
            {
                continue;
            }

            if (result is null)
            {
                result = factor;
            }
            else if (factorCount == 1 && numeralsSoFar && IsMixedNumber(result, factor))
            {
                result = new AddNode([result, factor]);
                mixedNumber = true;
            }
            else
            {
                result = Multiply(result, factor);
            }

            numeralsSoFar &= startsWithNumeral;
            factorCount++;
        }

        return result;
    }

    /// <summary>
    /// The mixed-number rule: a positive whole numeral directly followed (no operator, spaces allowed) by a proper
    /// fraction of positive whole literals, as the whole term: "137 \frac{1}{2}", "1\frac12", plain "1 1/2". An
    /// explicit operator ("1 \cdot \frac12", "1 + 1/2"), a parenthesized number ("(2)\frac12") or an improper fraction
    /// ("1\frac32") keeps the product;
    /// a further factor after the fraction ("2\frac12 x") makes the term not understood rather than guessed.
    /// </summary>
    private static bool IsMixedNumber(MathNode whole, MathNode fraction) =>
        whole is NumberNode { IsDecimal: false } w && w.Value.IsInteger && w.Value.Sign > 0 &&
        fraction is DivideNode { Numerator: NumberNode n, Denominator: NumberNode d } &&
        n.Value.IsInteger && d.Value.IsInteger && n.Value.Sign > 0 && n.Value < d.Value && !n.IsDecimal && !d.IsDecimal;

    private static MathNode Multiply(MathNode left, MathNode right) =>
        left is MultiplyNode m ? new MultiplyNode([.. m.Factors, right]) : new MultiplyNode([left, right]);

    private static long ScaleOf(string? words)
    {
        long scale = 1;
        if (words is null)
        {
            return scale;
        }

        foreach (var word in words.Split([' ', '\t', '\n', '~', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (LatexVocabulary.Multipliers.TryGetValue(word, out var factor))
            {
                scale *= factor;
            }
        }

        return scale;
    }

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

        for (var applied = 0; ; applied++)
        {
            if (applied > _state.MaxDepth)
            {
                throw new ParseException("too many postfix operators");
            }

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
                    if (_lexer.Peek().Kind == TokenKind.Factorial && _lexer.Peek().Start == next.End)
                    {
                        _lexer.Next();
                        node = new FunctionNode(FunctionKind.DoubleFactorial, [node]);
                    }
                    else
                    {
                        node = new FunctionNode(FunctionKind.Factorial, [node]);
                    }

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
