using System.Text;

namespace Verifier.Core.Math.Parsing;

/// <summary>LaTeX commands that take arguments: fractions, roots, binomials, fonts, environments.</summary>
internal sealed partial class LatexParser
{
    private static readonly HashSet<string> MatrixEnvironments =
    [
        "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "array",
    ];

    private MathNode? ParseCommand(string name)
    {
        switch (name)
        {
            case "frac" or "dfrac" or "tfrac" or "cfrac":
                {
                    var numerator = ParseNestedRequired(_lexer.ReadArgument());
                    var denominator = ParseNestedRequired(_lexer.ReadArgument());
                    return new DivideNode(numerator, denominator);
                }

            case "sqrt":
                {
                    var index = _lexer.ReadOptionalArgument();
                    var radicand = ParseNestedRequired(_lexer.ReadArgument());
                    return index is null
                        ? new FunctionNode(FunctionKind.Sqrt, [radicand])
                        : new FunctionNode(FunctionKind.Root, [radicand, ParseNestedRequired(index)]);
                }

            case "binom" or "dbinom" or "tbinom":
                {
                    var n = ParseNestedRequired(_lexer.ReadArgument());
                    var k = ParseNestedRequired(_lexer.ReadArgument());
                    return new FunctionNode(FunctionKind.Binomial, [n, k]);
                }

            case "operatorname":
                return ParseOperatorName(_lexer.ReadArgument() ?? throw new ParseException("empty operator name"));
            case "mathbb":
                {
                    var set = (_lexer.ReadArgument() ?? string.Empty).Trim();
                    return set is "R" ? new IntervalNode(Infinity(negative: true), Infinity(negative: false), false, false) : new SymbolNode("\\mathbb{" + set + "}");
                }

            case "overline" or "boxed" or "fbox" or "framebox" or "ensuremath" or "underbrace" or "overbrace" or "cancel" or "bcancel" or "xcancel" or "underline":
                return ParseNested(_lexer.ReadArgument() ?? throw new ParseException("missing argument"));
            case "phantom" or "hphantom" or "vphantom" or "pmod" or "bmod" or "mod" or "tag" or "color" or "not":
                _ = _lexer.ReadArgument();
                return null;
            case "textcolor":
                _ = _lexer.ReadArgument();
                return ParseNested(_lexer.ReadArgument() ?? throw new ParseException("missing argument"));
            case "stackrel" or "overset" or "underset":
                _ = _lexer.ReadArgument();
                return ParseNested(_lexer.ReadArgument() ?? throw new ParseException("missing argument"));
            case "overrightarrow" or "overleftarrow" or "vec" or "hat" or "widehat" or "bar" or "tilde" or "widetilde" or "dot" or "ddot":
                {
                    var content = (_lexer.ReadArgument() ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
                    return new SymbolNode(name + "{" + content + "}");
                }

            case "sum" or "prod" or "int" or "iint" or "oint" or "lim":
                return ParseBigOperator(name);
            case "begin":
                return ParseEnvironment((_lexer.ReadArgument() ?? throw new ParseException("missing environment")).Trim());
            default:
                if (LatexVocabulary.MathFontCommands.Contains(name))
                {
                    var content = _lexer.ReadArgument() ?? throw new ParseException("missing argument");
                    var trimmed = content.Trim();
                    if (trimmed.Length >= 2 && trimmed.All(char.IsAsciiLetter) && LatexVocabulary.Words.TryGetValue(trimmed, out var word) && word.Kind == TokenKind.Unit)
                    {
                        return null;
                    }

                    return ParseNested(content);
                }

                throw new ParseException($"unsupported command \\{name}");
        }
    }

    private static ConstantNode InfinityNode() => new(ConstantKind.Infinity);

    private static MathNode Infinity(bool negative) => negative ? new NegateNode(InfinityNode()) : InfinityNode();

    private MathNode ParseOperatorName(string operatorName)
    {
        var trimmed = operatorName.Trim();
        if (LatexVocabulary.Commands.TryGetValue(trimmed, out var template) && template.Kind == TokenKind.Function)
        {
            return ParseFunction(template.Function);
        }

        if (LatexVocabulary.Words.TryGetValue(trimmed, out var word) && word.Kind == TokenKind.Function)
        {
            return ParseFunction(word.Function);
        }

        var argument = ParseFunctionArgument();
        return new FunctionNode(FunctionKind.Opaque, [argument], trimmed);
    }

    /// <summary>\sum_{k=0}^{n} body and friends: kept as an opaque node for structural comparison.</summary>
    private MathNode ParseBigOperator(string name)
    {
        MathNode lower = new SymbolNode(string.Empty);
        MathNode upper = new SymbolNode(string.Empty);
        while (_lexer.Peek().Kind is TokenKind.Subscript or TokenKind.Power)
        {
            var isLower = _lexer.Next().Kind == TokenKind.Subscript;
            var bound = ParseNestedRequired(_lexer.ReadArgument());
            if (isLower)
            {
                lower = bound;
            }
            else
            {
                upper = bound;
            }
        }

        var body = ParseFunctionArgument();
        return new FunctionNode(FunctionKind.Opaque, [lower, upper, body], name);
    }

    private MathNode? ParseEnvironment(string environment)
    {
        var body = _lexer.ReadEnvironmentBody(environment) ?? throw new ParseException("unclosed environment");
        var bare = environment.TrimEnd('*');
        if (MatrixEnvironments.Contains(bare))
        {
            if (bare == "array")
            {
                body = SkipColumnSpecification(body);
            }

            return ParseMatrix(body);
        }

        // align, cases, gather, equation: the content as a list (row breaks separate items).
        return ParseNested(body);
    }

    private static string SkipColumnSpecification(string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            var close = LatexLexer.FindClosing(trimmed, 0, '{', '}');
            if (close > 0)
            {
                return trimmed[(close + 1)..];
            }
        }

        return body;
    }

    private MatrixNode ParseMatrix(string body)
    {
        var rows = new List<IReadOnlyList<MathNode>>();
        foreach (var rowText in SplitTopLevel(body, rowSeparator: true))
        {
            if (string.IsNullOrWhiteSpace(rowText))
            {
                continue;
            }

            var cells = new List<MathNode>();
            foreach (var cellText in SplitTopLevel(rowText, rowSeparator: false))
            {
                cells.Add(ParseNestedRequired(cellText));
            }

            rows.Add(cells);
        }

        if (rows.Count == 0 || rows.Any(r => r.Count != rows[0].Count))
        {
            throw new ParseException("ragged or empty matrix");
        }

        return new MatrixNode(rows);
    }

    /// <summary>Splits at top-level \\ (rows) or &amp; (cells); "\\frac" in doubly escaped text is not a row break.</summary>
    private IEnumerable<string> SplitTopLevel(string text, bool rowSeparator)
    {
        var depth = 0;
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            _state.Budget.Tick();
            var c = text[i];
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
            }

            if (depth == 0 && rowSeparator && c == '\\' && i + 1 < text.Length && text[i + 1] == '\\' && !StartsKnownCommand(text, i + 2))
            {
                yield return current.ToString();
                current.Clear();
                i++;
                continue;
            }

            if (depth == 0 && !rowSeparator && c == '&' && (i == 0 || text[i - 1] != '\\'))
            {
                yield return current.ToString();
                current.Clear();
                continue;
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            current.Append(c);
        }

        yield return current.ToString();
    }

    private static bool StartsKnownCommand(string text, int at)
    {
        var end = at;
        while (end < text.Length && char.IsAsciiLetter(text[end]))
        {
            end++;
        }

        if (end == at)
        {
            return false;
        }

        var name = text[at..end];
        return name is not ("end" or "begin" or "hline") &&
            (LatexVocabulary.Commands.ContainsKey(name) || LatexVocabulary.WithArguments.Contains(name) || LatexVocabulary.GreekLetters.Contains(name));
    }
}
