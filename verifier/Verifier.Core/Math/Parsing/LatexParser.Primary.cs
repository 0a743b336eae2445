namespace Verifier.Core.Math.Parsing;

/// <summary>Primaries: numbers, names, groups and brackets, functions and LaTeX commands.</summary>
internal sealed partial class LatexParser
{
    /// <summary>Parses one primary, or returns null for something that stands for nothing (a unit, \phantom).</summary>
    private MathNode? ParsePrimary()
    {
        var token = _lexer.Next();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new NumberNode(token.Number, token.IsDecimal);
            case TokenKind.Identifier:
                return new SymbolNode(token.Name!);
            case TokenKind.Constant:
                return new ConstantNode(token.Constant);
            case TokenKind.Function:
                return ParseFunction(token.Function);
            case TokenKind.Command:
                return ParseCommand(token.Name!);
            case TokenKind.Text:
                return ParseText(token.Name!);
            case TokenKind.Unit:
                return null;
            case TokenKind.LeftParen:
                return ParseBracketed(opener: '(');
            case TokenKind.LeftBracket:
                return ParseBracketed(opener: '[');
            case TokenKind.LeftBrace:
                return ParseBraceGroup();
            case TokenKind.LeftSetBrace:
                {
                    var content = ParseList(TokenKind.RightSetBrace);
                    Expect(TokenKind.RightSetBrace);
                    return new SequenceNode(SequenceKind.Set, content is null ? [] : ItemsOf(content));
                }

            case TokenKind.Bar:
                {
                    _absoluteDepth++;
                    var inner = ParseAdditive() ?? throw new ParseException("empty absolute value");
                    _absoluteDepth--;
                    Expect(TokenKind.Bar);
                    return new FunctionNode(FunctionKind.Abs, [inner]);
                }

            case TokenKind.LeftFloor:
                {
                    var inner = ParseAdditive() ?? throw new ParseException("empty floor");
                    Expect(TokenKind.RightFloor);
                    return new FunctionNode(FunctionKind.Floor, [inner]);
                }

            case TokenKind.LeftCeiling:
                {
                    var inner = ParseAdditive() ?? throw new ParseException("empty ceiling");
                    Expect(TokenKind.RightCeiling);
                    return new FunctionNode(FunctionKind.Ceiling, [inner]);
                }

            case TokenKind.EmptySet:
                return new SequenceNode(SequenceKind.Set, []);
            case TokenKind.Ellipsis:
                return new SymbolNode("...");
            default:
                throw new ParseException($"unexpected {token.Kind}");
        }
    }

    private void Expect(TokenKind kind)
    {
        var token = _lexer.Next();
        if (token.Kind != kind)
        {
            throw new ParseException($"expected {kind} but found {token.Kind}");
        }
    }

    private static IReadOnlyList<MathNode> ItemsOf(MathNode listOrItem) =>
        listOrItem is SequenceNode { Kind: SequenceKind.List } list ? list.Items : [listOrItem];

    /// <summary>( ... ) or [ ... ]: grouping, tuple, or interval depending on the closer and the item count.</summary>
    private MathNode? ParseBracketed(char opener)
    {
        var content = ParseList(TokenKind.RightParen, TokenKind.RightBracket);
        var closer = _lexer.Next();
        if (closer.Kind is not (TokenKind.RightParen or TokenKind.RightBracket))
        {
            throw new ParseException("unclosed bracket");
        }

        var closeChar = closer.Kind == TokenKind.RightParen ? ')' : ']';
        if (content is null)
        {
            throw new ParseException("empty brackets");
        }

        var items = ItemsOf(content);
        if (items.Count == 1)
        {
            if ((opener == '(') != (closeChar == ')'))
            {
                throw new ParseException("mismatched brackets around one item");
            }

            return items[0];
        }

        if (items.Count == 2 && (opener == '[' || closeChar == ']'))
        {
            return new IntervalNode(items[0], items[1], opener == '[', closeChar == ']');
        }

        if (opener == '(' && closeChar == ')')
        {
            return new SequenceNode(SequenceKind.Tuple, items);
        }

        if (opener == '[' && closeChar == ']')
        {
            return new SequenceNode(SequenceKind.Bracket, items);
        }

        throw new ParseException("mismatched brackets");
    }

    /// <summary>{ ... }: TeX grouping; several items inside are a plain list ("{1, 2, 3}").</summary>
    private MathNode? ParseBraceGroup()
    {
        var content = ParseList(TokenKind.RightBrace);
        Expect(TokenKind.RightBrace);
        return content;
    }

    private MathNode ParseText(string content)
    {
        var trimmed = content.Trim();
        if (trimmed.Length > 0 && trimmed.All(c => char.IsAsciiDigit(c) || c is '.' or ',' or '-' or ' '))
        {
            return ParseNestedRequired(trimmed);
        }

        return new TextNode(trimmed);
    }

    /// <summary>\sin x, \sin^2(x), \sin^{-1} x, \log_2 8, \ln(x), sqrt(2), gcd(12, 18).</summary>
    private MathNode ParseFunction(FunctionKind kind)
    {
        MathNode? power = null;
        MathNode? logBase = null;
        var inverse = false;
        while (true)
        {
            var next = _lexer.Peek().Kind;
            if (next == TokenKind.Power)
            {
                _lexer.Next();
                var raw = ReadScriptArgument();
                if (raw.Replace(" ", string.Empty, StringComparison.Ordinal) is "-1" && kind is >= FunctionKind.Sin and <= FunctionKind.Cot)
                {
                    inverse = true;
                }
                else
                {
                    power = ParseNestedRequired(raw);
                }
            }
            else if (next == TokenKind.Subscript)
            {
                _lexer.Next();
                logBase = ParseNestedRequired(_lexer.ReadArgument());
            }
            else
            {
                break;
            }
        }

        IReadOnlyList<MathNode> arguments;
        if (_lexer.Peek().Kind == TokenKind.LeftParen)
        {
            _lexer.Next();
            var content = ParseList(TokenKind.RightParen) ?? throw new ParseException("empty function argument");
            Expect(TokenKind.RightParen);
            arguments = ItemsOf(content);
        }
        else if (kind == FunctionKind.Sqrt)
        {
            arguments = [ParsePostfix() ?? throw new ParseException("missing square root argument")];
        }
        else
        {
            arguments = [ParseFunctionArgument()];
        }

        if (kind is >= FunctionKind.Sin and <= FunctionKind.Cot && !inverse)
        {
            arguments = [.. arguments.Select(DegreeArgument.InRadians)];
        }

        if (inverse)
        {
            kind = kind switch
            {
                FunctionKind.Sin => FunctionKind.Asin,
                FunctionKind.Cos => FunctionKind.Acos,
                FunctionKind.Tan => FunctionKind.Atan,
                _ => throw new ParseException("unsupported inverse function"),
            };
        }

        if (kind == FunctionKind.Log && logBase is not null)
        {
            arguments = [arguments[0], logBase];
        }

        MathNode node = new FunctionNode(kind, arguments);
        return power is null ? node : new PowerNode(node, power);
    }

    /// <summary>The argument of \sin 2x: an implicit product that stops at the next function or operator.</summary>
    private MathNode ParseFunctionArgument()
    {
        using var scope = _state.Enter();
        var first = ParseSignedFactor() ?? throw new ParseException("missing function argument");
        var result = first;
        while (CanStartImplicitFactor(_lexer.Peek()) && _lexer.Peek().Kind != TokenKind.Function)
        {
            var factor = ParsePostfix();
            if (factor is not null)
            {
                result = Multiply(result, factor);
            }
        }

        return result;
    }
}
