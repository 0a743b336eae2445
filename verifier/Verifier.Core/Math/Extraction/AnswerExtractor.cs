using Verifier.Core.Math.Budget;

namespace Verifier.Core.Math.Extraction;

/// <summary>Extraction settings derived from <see cref="MathVerifierOptions"/>.</summary>
internal sealed record ExtractionSettings(
    IReadOnlyList<ExtractionRule> Rules,
    string ThinkTag,
    string AnswerTag,
    int MaxCompletionLength,
    int MaxCandidates);

/// <summary>
/// Reads the final answer out of a model completion. Text inside &lt;think&gt; is never graded (an unclosed
/// think hides everything after it). The last &lt;answer&gt; tag wins when present; otherwise the configured
/// rules are tried in order and each contributes at most one candidate.
/// </summary>
internal sealed class AnswerExtractor
{
    private const int WholeTextLimit = 1000;

    private readonly ExtractionSettings _settings;
    private readonly string _thinkOpen;
    private readonly string _thinkClose;
    private readonly string _answerOpen;
    private readonly string _answerClose;

    public AnswerExtractor(ExtractionSettings settings)
    {
        _settings = settings;
        _thinkOpen = "<" + settings.ThinkTag + ">";
        _thinkClose = "</" + settings.ThinkTag + ">";
        _answerOpen = "<" + settings.AnswerTag + ">";
        _answerClose = "</" + settings.AnswerTag + ">";
    }

    public ExtractionResult Extract(string completion, CheckBudget budget)
    {
        if (completion.Length > _settings.MaxCompletionLength)
        {
            return ExtractionResult.None($"completion longer than {_settings.MaxCompletionLength} characters");
        }

        var text = OutsideThinking(completion);
        if (text.Trim().Length == 0)
        {
            return ExtractionResult.None("no text outside <think>");
        }

        var tagged = FromAnswerTag(text, budget);
        if (tagged is not null)
        {
            return tagged;
        }

        var candidates = new List<ExtractedAnswer>();
        var rules = _settings.Rules;
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];

            // Listed together, the two unanchored rules take whichever answer comes last in the text.
            var merged = r + 1 < rules.Count && IsUnanchoredPair(rule, rules[r + 1]);
            var answer = merged ? Unanchored(text, budget, math: true, numbers: true) : Apply(rule, text, budget);
            if (merged)
            {
                r++;
            }

            if (answer is null)
            {
                continue;
            }

            if (answer.Length == 0)
            {
                if (candidates.Count == 0 && rule == ExtractionRule.Boxed)
                {
                    return ExtractionResult.None("the last box is empty");
                }

                continue;
            }

            if (!candidates.Any(c => c.Text == answer))
            {
                candidates.Add(new ExtractedAnswer(answer, rule));
            }

            if (candidates.Count >= _settings.MaxCandidates)
            {
                break;
            }
        }

        return candidates.Count == 0 ? ExtractionResult.None("no answer found") : new ExtractionResult(candidates, null);
    }

    private string OutsideThinking(string completion)
    {
        var close = completion.LastIndexOf(_thinkClose, StringComparison.Ordinal);
        if (close >= 0)
        {
            return completion[(close + _thinkClose.Length)..];
        }

        var open = completion.IndexOf(_thinkOpen, StringComparison.Ordinal);
        return open >= 0 ? completion[..open] : completion;
    }

    private ExtractionResult? FromAnswerTag(string text, CheckBudget budget)
    {
        var open = text.LastIndexOf(_answerOpen, StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        var contentStart = open + _answerOpen.Length;
        var close = text.IndexOf(_answerClose, contentStart, StringComparison.Ordinal);
        var content = (close < 0 ? text[contentStart..] : text[contentStart..close]).Trim();
        var answer = PhraseReader.Reduce(content, budget, allowIsSplit: true);
        return string.IsNullOrWhiteSpace(answer)
            ? ExtractionResult.None("empty <answer>")
            : new ExtractionResult([new ExtractedAnswer(answer.Trim(), null)], null);
    }

    private static bool IsUnanchoredPair(ExtractionRule a, ExtractionRule b) =>
        (a == ExtractionRule.LastMath && b == ExtractionRule.LastNumber) || (a == ExtractionRule.LastNumber && b == ExtractionRule.LastMath);

    private static string? Apply(ExtractionRule rule, string text, CheckBudget budget) => rule switch
    {
        ExtractionRule.Boxed => BoxScanner.LastBoxed(text, budget),
        ExtractionRule.FinalAnswerIs => AnchoredAnswers.FinalAnswerIs(text, budget),
        ExtractionRule.AnswerLabel => AnchoredAnswers.AnswerLabel(text, budget),
        ExtractionRule.LastMath => Unanchored(text, budget, math: true, numbers: false),
        ExtractionRule.LastNumber => Unanchored(text, budget, math: false, numbers: true),
        _ => null,
    };

    /// <summary>
    /// The last math span or prose number, whichever ends later. A short text that is not prose and has no
    /// math delimiters ("rac{10}{9}", "x = 5") is taken whole.
    /// </summary>
    private static string? Unanchored(string text, CheckBudget budget, bool math, bool numbers)
    {
        var spans = math ? MathSpanScanner.Find(text, budget) : [];
        if (math && spans.Count == 0 && text.Length <= WholeTextLimit && PhraseReader.IsFormulaLike(text))
        {
            var whole = text.Trim();
            if (whole.Length > 0)
            {
                return whole;
            }
        }

        var spanEnd = spans.Count == 0 ? -1 : spans[^1].End;
        if (numbers)
        {
            var found = NumberScanner.Find(text, budget);
            if (found.Count > 0 && found[^1].Start >= spanEnd)
            {
                var tail = spanEnd < 0 ? text : text[spanEnd..];
                return NumberScanner.LastWithHedges(tail, budget);
            }
        }

        return MathSpanScanner.LastJoined(text, spans);
    }
}
