namespace Verifier.Core.Math.Parsing;

/// <summary>Letters, plain-text words and backslash commands.</summary>
internal sealed partial class LatexLexer
{
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
}
