using System.Text;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Equivalence;

/// <summary>
/// Text answers (\text{Evelyn}, choice letters, "odd"): the words a tree spells, normalized so that
/// \text{(C)}, (C), C and \textbf{C} agree.
/// </summary>
internal static class TextForm
{
    /// <summary>The letters and digits a tree spells as a juxtaposition of names, or null for real mathematics.</summary>
    public static string? Spell(MathNode node)
    {
        var builder = new StringBuilder();
        return TrySpell(node, builder) ? Normalize(builder.ToString()) : null;
    }

    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        var result = builder.ToString();
        return result.Length > 1 ? result.ToLowerInvariant() : result;
    }

    private static bool TrySpell(MathNode node, StringBuilder into)
    {
        switch (node)
        {
            case TextNode t:
                into.Append(t.Text);
                return true;
            case SymbolNode s when s.Name.All(char.IsAsciiLetter):
                into.Append(s.Name);
                return true;
            case NumberNode { IsDecimal: false } n when n.Value.IsInteger:
                into.Append(n.Value.ToString());
                return true;
            case MultiplyNode m:
                foreach (var factor in m.Factors)
                {
                    if (!TrySpell(factor, into))
                    {
                        return false;
                    }

                    into.Append(' ');
                }

                return true;
            default:
                return false;
        }
    }
}
