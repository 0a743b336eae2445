using System.Globalization;
using System.Numerics;
using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Numbers;

namespace Verifier.Core.Math.Parsing;

/// <summary>
/// Splits LaTeX or plain text into tokens. It folds away what carries no meaning (spacing, \left, $, currency
/// signs) and reads numbers in their written forms (thousands separators, repeating decimals, scientific
/// notation). Macro arguments are read raw with <see cref="ReadArgument"/> so \frac12 works as in TeX.
/// </summary>
internal sealed class LatexLexer
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

    public string Source => _source;

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

    /// <summary>Whether whitespace separates the previous token from the next one.</summary>
    public bool NextHasSpaceBefore()
    {
        var token = Peek();
        return token.Start > 0 && char.IsWhiteSpace(_source[token.Start - 1]);
    }

    /// <summary>Reads one TeX argument raw: a braced group's content, a command, or a single character.</summary>
    public string? ReadArgument()
    {
        Unpeek();
        SkipSpaces();
        if (_position >= _source.Length)
        {
            return null;
        }

        var c = _source[_position];
        if (c == '{')
        {
            var close = FindClosing(_source, _position, '{', '}');
            if (close < 0)
            {
                var rest = _source[(_position + 1)..];
                _position = _source.Length;
                return rest;
            }

            var content = _source[(_position + 1)..close];
            _position = close + 1;
            return content;
        }

        if (c == '\\')
        {
            var start = _position;
            _position++;
            if (_position < _source.Length && char.IsAsciiLetter(_source[_position]))
            {
                while (_position < _source.Length && char.IsAsciiLetter(_source[_position]))
                {
                    _position++;
                }
            }
            else if (_position < _source.Length)
            {
                _position++;
            }

            return _source[start.._position];
        }

        if (c == '}' || c == ')' || c == ']')
        {
            return null;
        }

        _position++;
        return c.ToString();
    }

    /// <summary>After a raw "(", reads through the matching ")" and returns that text (with the ")").</summary>
    public string ReadParenthesizedRest()
    {
        Unpeek();
        var depth = 1;
        var start = _position;
        while (_position < _source.Length && depth > 0)
        {
            var c = _source[_position++];
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }

        if (depth != 0)
        {
            throw new ParseException("unbalanced parenthesis");
        }

        return _source[start.._position];
    }

    /// <summary>Reads the digits that follow (plain-text exponents like 2^10).</summary>
    public string ReadDigitsRaw()
    {
        Unpeek();
        var start = _position;
        while (_position < _source.Length && char.IsAsciiDigit(_source[_position]))
        {
            _position++;
        }

        return _source[start.._position];
    }

    /// <summary>Reads an optional [..] argument (the index of \sqrt[3]{x}).</summary>
    public string? ReadOptionalArgument()
    {
        Unpeek();
        SkipSpaces();
        if (_position >= _source.Length || _source[_position] != '[')
        {
            return null;
        }

        var close = FindClosing(_source, _position, '[', ']');
        if (close < 0)
        {
            return null;
        }

        var content = _source[(_position + 1)..close];
        _position = close + 1;
        return content;
    }

    /// <summary>Reads raw text up to the matching \end{name}, for environments.</summary>
    public string? ReadEnvironmentBody(string name)
    {
        Unpeek();
        var begin = "\\begin{" + name + "}";
        var end = "\\end{" + name + "}";
        var depth = 1;
        var i = _position;
        while (i < _source.Length)
        {
            _budget.Tick();
            var nextEnd = _source.IndexOf(end, i, StringComparison.Ordinal);
            if (nextEnd < 0)
            {
                return null;
            }

            var nextBegin = _source.IndexOf(begin, i, nextEnd - i, StringComparison.Ordinal);
            if (nextBegin >= 0)
            {
                depth++;
                i = nextBegin + begin.Length;
                continue;
            }

            depth--;
            if (depth == 0)
            {
                var body = _source[_position..nextEnd];
                _position = nextEnd + end.Length;
                return body;
            }

            i = nextEnd + end.Length;
        }

        return null;
    }

    /// <summary>Index of the bracket closing the one at <paramref name="open"/>, honouring nesting and escapes.</summary>
    public static int FindClosing(string s, int open, char openChar, char closeChar)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (c == openChar)
            {
                depth++;
            }
            else if (c == closeChar)
            {
                depth--;
                if (depth == 0)
                {
                    return i;
                }
            }
        }

        return -1;
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

    private Token LexLetters()
    {
        var start = _position;
        var end = start;
        while (end < _source.Length && char.IsAsciiLetter(_source[end]))
        {
            end++;
        }

        var run = _source.AsSpan(start, end - start);
        if (run.Length >= 2)
        {
            var lookup = LatexVocabulary.Words.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(run, out var word))
            {
                _position = end;
                return word with { Start = start, End = end, Name = run.ToString() };
            }

            // "1orW(x)=-1": a connective glued between a value and the next item.
            if (start > 0 && (char.IsAsciiDigit(_source[start - 1]) || _source[start - 1] == ')'))
            {
                foreach (var connective in (ReadOnlySpan<string>)["or", "and"])
                {
                    if (run.Length > connective.Length && run.StartsWith(connective, StringComparison.OrdinalIgnoreCase))
                    {
                        _position = start + connective.Length;
                        return new Token(TokenKind.WordSeparator, start, _position);
                    }
                }
            }
        }

        _position = start + 1;
        return new Token(TokenKind.Identifier, start, _position) { Name = _source[start].ToString() };
    }

    private Token? LexCommand()
    {
        var start = _position;
        _position++; // backslash
        if (_position >= _source.Length)
        {
            return null;
        }

        var c = _source[_position];
        if (!char.IsAsciiLetter(c))
        {
            _position++;
            switch (c)
            {
                case '\\':
                    // "\\frac" in doubly escaped text means \frac; otherwise a line break separates items.
                    var nameStart = _position;
                    var nameEnd = nameStart;
                    while (nameEnd < _source.Length && char.IsAsciiLetter(_source[nameEnd]))
                    {
                        nameEnd++;
                    }

                    if (nameEnd > nameStart && IsKnownCommand(_source[nameStart..nameEnd]))
                    {
                        _position = nameStart - 1;
                        return LexCommand();
                    }

                    return new Token(TokenKind.WordSeparator, start, _position);
                case '{':
                    return new Token(TokenKind.LeftSetBrace, start, _position);
                case '}':
                    return new Token(TokenKind.RightSetBrace, start, _position);
                case '%':
                    return new Token(TokenKind.Percent, start, _position);
                case '|':
                    return new Token(TokenKind.Bar, start, _position);
                case '$' or '#' or '&' or '_':
                    return null;
                default:
                    // \, \! \; \: \  and friends are spacing.
                    return null;
            }
        }

        var end = _position;
        while (end < _source.Length && char.IsAsciiLetter(_source[end]))
        {
            end++;
        }

        var name = _source[_position..end];
        _position = end;
        if (!IsKnownCommand(name))
        {
            // "\quadx" is \quad followed by x.
            for (var length = name.Length - 1; length >= 2; length--)
            {
                if (IsKnownCommand(name[..length]))
                {
                    name = name[..length];
                    _position = start + 1 + length;
                    break;
                }
            }
        }

        if (LatexVocabulary.Ignored.Contains(name))
        {
            // \left. and \right. are invisible delimiters.
            if (_position < _source.Length && _source[_position] == '.' && name is "left" or "right")
            {
                _position++;
            }

            return null;
        }

        if (LatexVocabulary.Commands.TryGetValue(name, out var template))
        {
            return template with { Start = start, End = _position };
        }

        if (LatexVocabulary.TextCommands.Contains(name))
        {
            return LexText(start);
        }

        if (LatexVocabulary.WithArguments.Contains(name))
        {
            return new Token(TokenKind.Command, start, _position) { Name = name };
        }

        return new Token(TokenKind.Identifier, start, _position) { Name = "\\" + name };
    }

    /// <summary>\text{ and } separates items; any other \text{...} becomes a Text token.</summary>
    private Token LexText(int start)
    {
        var content = ReadArgument() ?? string.Empty;
        var trimmed = content.Trim().Trim(',').Trim();
        if (trimmed.Length == 0 && content.Contains(',', StringComparison.Ordinal))
        {
            return new Token(TokenKind.Comma, start, _position);
        }

        if (trimmed is "and" or "or" or "and/or" or "or/and" or "," or "&" or ";" || trimmed.StartsWith("and ", StringComparison.Ordinal) && trimmed.Length < 5)
        {
            return new Token(TokenKind.WordSeparator, start, _position);
        }

        return new Token(TokenKind.Text, start, _position) { Name = content };
    }

    private static bool IsKnownCommand(string name) =>
        LatexVocabulary.Commands.ContainsKey(name) || LatexVocabulary.WithArguments.Contains(name) ||
        LatexVocabulary.Ignored.Contains(name) || LatexVocabulary.GreekLetters.Contains(name);

    private Token LexNumber()
    {
        var start = _position;
        var digits = new System.Text.StringBuilder();
        ReadDigits(digits);
        var groups = 0;
        while (digits.Length > 0 && TryReadThousandsGroup(digits, groups))
        {
            groups++;
        }

        var fraction = string.Empty;
        var repeating = string.Empty;
        var isDecimal = false;
        if (_position < _source.Length && _source[_position] == '.')
        {
            var afterDot = _position + 1;
            if (afterDot < _source.Length && char.IsAsciiDigit(_source[afterDot]))
            {
                _position = afterDot;
                var fractionDigits = new System.Text.StringBuilder();
                ReadDigits(fractionDigits);
                fraction = fractionDigits.ToString();
                isDecimal = true;
            }

            repeating = TryReadRepeating(isDecimal ? _position : afterDot);
            if (repeating.Length > 0)
            {
                isDecimal = true;
            }
        }

        var value = DecimalValue(digits.ToString(), fraction, repeating);
        value = ApplyScientificExponent(value, ref isDecimal);
        return new Token(TokenKind.Number, start, _position) { Number = value, IsDecimal = isDecimal && repeating.Length == 0 };
    }

    private void ReadDigits(System.Text.StringBuilder into)
    {
        while (_position < _source.Length && char.IsAsciiDigit(_source[_position]))
        {
            into.Append(_source[_position]);
            _position++;
            if (into.Length % 64 == 0)
            {
                _budget.Tick();
            }
        }
    }

    /// <summary>
    /// Reads one more thousands group (",ddd", "{,}ddd", ",\!ddd", "\,ddd" or " ddd") after a leading group of
    /// one to three digits that does not start with 0, or after an earlier group.
    /// </summary>
    private bool TryReadThousandsGroup(System.Text.StringBuilder digits, int groupsRead)
    {
        if (groupsRead == 0 && (digits.Length > 3 || digits[0] == '0'))
        {
            return false;
        }

        var i = _position;
        var ambiguous = false;
        if (Matches(i, "{,}"))
        {
            i += 3;
        }
        else if (Matches(i, ",\\!"))
        {
            i += 3;
        }
        else if (Matches(i, "\\,") || Matches(i, "\\ ") || Matches(i, "\\;"))
        {
            i += 2;
        }
        else if (Matches(i, ","))
        {
            if (!_commaThousands)
            {
                return false;
            }

            i += 1;
            ambiguous = true;
        }
        else if (Matches(i, " ") && !Matches(i + 1, " "))
        {
            i += 1;
        }
        else
        {
            return false;
        }

        if (!ambiguous)
        {
            while (i < _source.Length && _source[i] == ' ')
            {
                i++;
            }
        }

        // "32, 349" (a space after a plain comma) is a list, and so is anything but exactly three digits.
        if (i + 3 > _source.Length || !char.IsAsciiDigit(_source[i]) || !char.IsAsciiDigit(_source[i + 1]) || !char.IsAsciiDigit(_source[i + 2]))
        {
            return false;
        }

        if (i + 3 < _source.Length && char.IsAsciiDigit(_source[i + 3]))
        {
            return false;
        }

        digits.Append(_source, i, 3);
        _position = i + 3;
        if (ambiguous)
        {
            SawAmbiguousThousands = true;
        }

        return true;
    }

    private bool Matches(int at, string text) =>
        at >= 0 && at + text.Length <= _source.Length && string.CompareOrdinal(_source, at, text, 0, text.Length) == 0;

    private string TryReadRepeating(int at)
    {
        const string Overline = "\\overline{";
        var i = at;
        if (!Matches(i, Overline))
        {
            return string.Empty;
        }

        var close = _source.IndexOf('}', i + Overline.Length);
        if (close < 0)
        {
            return string.Empty;
        }

        var content = _source[(i + Overline.Length)..close].Trim();
        if (content.Length == 0 || content.Length > 64 || !content.All(char.IsAsciiDigit))
        {
            return string.Empty;
        }

        _position = close + 1;
        return content;
    }

    private static BigRational DecimalValue(string integerPart, string fraction, string repeating)
    {
        var integer = integerPart.Length == 0 ? BigInteger.Zero : BigInteger.Parse(integerPart, CultureInfo.InvariantCulture);
        var value = BigRational.FromInteger(integer);
        if (fraction.Length > 0)
        {
            var scale = BigInteger.Pow(10, fraction.Length);
            value += BigRational.Create(BigInteger.Parse(fraction, CultureInfo.InvariantCulture), scale);
        }

        if (repeating.Length > 0)
        {
            // 0.1\overline{6}: the repeating block r of length k after f fraction digits adds r / ((10^k - 1) 10^f).
            var block = BigInteger.Parse(repeating, CultureInfo.InvariantCulture);
            var denominator = (BigInteger.Pow(10, repeating.Length) - 1) * BigInteger.Pow(10, fraction.Length);
            value += BigRational.Create(block, denominator);
        }

        return value;
    }

    private BigRational ApplyScientificExponent(BigRational value, ref bool isDecimal)
    {
        if (_position + 1 >= _source.Length || (_source[_position] != 'e' && _source[_position] != 'E'))
        {
            return value;
        }

        var i = _position + 1;
        var negative = false;
        if (_source[i] is '+' or '-')
        {
            negative = _source[i] == '-';
            i++;
        }

        var digitsStart = i;
        while (i < _source.Length && char.IsAsciiDigit(_source[i]) && i - digitsStart < 6)
        {
            i++;
        }

        if (i == digitsStart || (i < _source.Length && char.IsAsciiLetterOrDigit(_source[i])))
        {
            return value;
        }

        var exponent = int.Parse(_source.AsSpan(digitsStart, i - digitsStart), CultureInfo.InvariantCulture);
        if (exponent > 4000)
        {
            return value;
        }

        _position = i;
        isDecimal = true;
        var scale = BigRational.FromInteger(BigInteger.Pow(10, exponent));
        return negative ? value / scale : value * scale;
    }
}
