using Verifier.Core.Math.Budget;

namespace Verifier.Core.Math.Parsing;

/// <summary>
/// Splits LaTeX or plain text into tokens. It folds away what carries no meaning (spacing, \left, $, currency
/// signs) and reads numbers in their written forms (thousands separators, repeating decimals, scientific
/// notation). Macro arguments are read raw with <see cref="ReadArgument"/> so \frac12 works as in TeX.
/// </summary>
internal sealed partial class LatexLexer
{
    private readonly string _source;
    private readonly CheckBudget _budget;
    private readonly bool _commaThousands;
    private int _position;
    private Token? _pendingAfterSuperscript;
    private Token? _peeked;
    private int _peekedFrom;

    public LatexLexer(string source, CheckBudget budget, bool commaThousands = true)
    {
        _source = source;
        _budget = budget;
        _commaThousands = commaThousands;
    }

    /// <summary>Set when a plain comma was read as a thousands separator ("1,000" might be a list).</summary>
    public bool SawAmbiguousThousands { get; private set; }

    public Token Peek()
    {
        if (_peeked is { } token)
        {
            return token;
        }

        _peekedFrom = _position;
        token = Lex();
        _peeked = token;
        return token;
    }

    public Token Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    private void Unpeek()
    {
        if (_peeked is not null)
        {
            _position = _peekedFrom;
            _peeked = null;
        }
    }

    private void SkipSpaces()
    {
        while (_position < _source.Length && char.IsWhiteSpace(_source[_position]))
        {
            _position++;
        }
    }

    private Token Lex()
    {
        if (_pendingAfterSuperscript is { } pending)
        {
            _pendingAfterSuperscript = null;
            return pending;
        }

        while (true)
        {
            _budget.Tick();
            SkipSpaces();
            if (_position >= _source.Length)
            {
                return new Token(TokenKind.End, _position, _position);
            }

            var start = _position;
            var c = _source[_position];
            if (char.IsAsciiDigit(c) || (c == '.' && _position + 1 < _source.Length && char.IsAsciiDigit(_source[_position + 1])))
            {
                return LexNumber();
            }

            if (char.IsAsciiLetter(c))
            {
                return LexLetters();
            }

            if (c == '\\')
            {
                var command = LexCommand();
                if (command is { } t)
                {
                    return t;
                }

                continue;
            }

            _position++;
            var token = LexSymbol(c, start);
            if (token is { } result)
            {
                return result;
            }
        }
    }

    private Token? LexSymbol(char c, int start)
    {
        Token Make(TokenKind kind) => new(kind, start, _position);
        Token MakeRelation(RelationKind kind) => new(TokenKind.Relation, start, _position) { Relation = kind };
        char NextChar() => _position < _source.Length ? _source[_position] : '\0';

        switch (c)
        {
            case '(':
                return Make(TokenKind.LeftParen);
            case ')':
                return Make(TokenKind.RightParen);
            case '[':
                return Make(TokenKind.LeftBracket);
            case ']':
                return Make(TokenKind.RightBracket);
            case '{':
                return Make(TokenKind.LeftBrace);
            case '}':
                return Make(TokenKind.RightBrace);
            case '+':
                if (NextChar() == '-')
                {
                    _position++;
                    return Make(TokenKind.PlusMinus);
                }

                return Make(TokenKind.Plus);
            case '-' or '\u2212' or '\u2013':
                return Make(TokenKind.Minus);
            case '*':
                if (NextChar() == '*')
                {
                    _position++;
                    return Make(TokenKind.Power);
                }

                return Make(TokenKind.Times);
            case '\u00d7' or '\u00b7' or '\u22c5':
                return Make(TokenKind.Times);
            case '/' or '\u00f7':
                return Make(TokenKind.Divide);
            case '^':
                return Make(TokenKind.Power);
            case '_':
                return Make(TokenKind.Subscript);
            case '!':
                if (NextChar() == '=')
                {
                    _position++;
                    return MakeRelation(RelationKind.NotEqual);
                }

                return Make(TokenKind.Factorial);
            case '%':
                return Make(TokenKind.Percent);
            case '=':
                if (NextChar() == '=')
                {
                    _position++;
                }

                return MakeRelation(RelationKind.Equal);
            case '<':
                if (NextChar() == '=')
                {
                    _position++;
                    return MakeRelation(RelationKind.LessEqual);
                }

                return MakeRelation(RelationKind.Less);
            case '>':
                if (NextChar() == '=')
                {
                    _position++;
                    return MakeRelation(RelationKind.GreaterEqual);
                }

                return MakeRelation(RelationKind.Greater);
            case ':':
                if (NextChar() == '=')
                {
                    _position++;
                    return MakeRelation(RelationKind.Equal);
                }

                return Make(TokenKind.Colon);
            case ',':
                return Make(TokenKind.Comma);
            case ';':
                return Make(TokenKind.Semicolon);
            case '|':
                return Make(TokenKind.Bar);
            case '\'' or '\u2032':
                return Make(TokenKind.Prime);
            case '\u00b1':
                return Make(TokenKind.PlusMinus);
            case '\u2264':
                return MakeRelation(RelationKind.LessEqual);
            case '\u2265':
                return MakeRelation(RelationKind.GreaterEqual);
            case '\u2260':
                return MakeRelation(RelationKind.NotEqual);
            case '\u2248':
                return MakeRelation(RelationKind.Approx);
            case '\u2208':
                return MakeRelation(RelationKind.In);
            case '\u222a':
                return new Token(TokenKind.SetOperation, start, _position) { SetOperation = SetOperationKind.Union };
            case '\u2229':
                return new Token(TokenKind.SetOperation, start, _position) { SetOperation = SetOperationKind.Intersection };
            case '\u03c0':
                return new Token(TokenKind.Constant, start, _position) { Constant = ConstantKind.Pi };
            case '\u221e':
                return new Token(TokenKind.Constant, start, _position) { Constant = ConstantKind.Infinity };
            case '\u221a':
                return new Token(TokenKind.Function, start, _position) { Function = FunctionKind.Sqrt };
            case '\u00b0':
                return Make(TokenKind.Degree);
            case '\u2026':
                return Make(TokenKind.Ellipsis);
            case '\u2205':
                return Make(TokenKind.EmptySet);

            // Spacing, alignment, quoting, currency and sentence punctuation carry no meaning in an answer.
            case '$' or '&' or '~' or '"' or '`' or '\u20ac' or '\u00a3' or '\u00a5' or '.' or '?':
                return null;
            case '\u00b2' or '\u00b3':
                // Superscript digits: emit the power now and leave the digit for the next token.
                _pendingAfterSuperscript = new Token(TokenKind.Number, start, _position) { Number = c == '\u00b2' ? 2 : 3 };
                return new Token(TokenKind.Power, start, start);
            default:
                return new Token(TokenKind.Identifier, start, _position) { Name = c.ToString() };
        }
    }

}
