namespace Verifier.Core.Math.Parsing;

/// <summary>Raw reading of macro arguments, optional arguments and environment bodies.</summary>
internal sealed partial class LatexLexer
{
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
}
