using TorchSharp;
using Verifier.Trainer.Tokenization;
using static TorchSharp.torch;

namespace Verifier.Trainer.Sampling;

/// <summary>
/// Optional constrained decoding to the R1 shape: &lt;think&gt; (think alphabet)* &lt;/think&gt; &lt;answer&gt;
/// (answer alphabet)+ &lt;/answer&gt;, with at most <c>maxThink</c> thinking and <c>maxAnswer</c> answer tokens
/// (the closing tag is forced at the limit, so a guided completion is never cut off). A policy that starts
/// from random weights almost never emits the four tags in order by chance, so with the guide it is the
/// answer that has to be learned; without it the format must be discovered from the reward. The same masks
/// are applied when the trainer recomputes log-probabilities, so the policy being optimised is exactly the
/// one that sampled (a forced token has probability 1 and no gradient).
/// </summary>
public sealed class FormatGuide
{
    private readonly SpecialTokenIds _tags;
    private readonly int _maxThink;
    private readonly int _maxAnswer;
    private readonly bool[][] _allowedByState;
    private readonly int?[] _forcedByState;

    // State ids: Start, Think(0..maxThink), AfterThink, Answer(0..maxAnswer), Done.
    private int ThinkState(int count) => 1 + count;

    private int AfterThink => _maxThink + 2;

    private int AnswerState(int count) => _maxThink + 3 + count;

    private int Done => _maxThink + _maxAnswer + 4;

    public FormatGuide(ITokenizer tokenizer, string thinkAlphabet, string answerAlphabet, int maxThink, int maxAnswer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentOutOfRangeException.ThrowIfNegative(maxThink);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAnswer, 1);
        _tags = tokenizer.Tags;
        _maxThink = maxThink;
        _maxAnswer = maxAnswer;
        var vocab = tokenizer.VocabSize;
        var think = AlphabetIds(tokenizer, thinkAlphabet);
        var answer = AlphabetIds(tokenizer, answerAlphabet);
        if (answer.Length == 0)
        {
            throw new ArgumentException("The answer alphabet of the format guide is empty.", nameof(answerAlphabet));
        }

        _allowedByState = new bool[Done + 1][];
        _allowedByState[InitialState] = Only(vocab, _tags.ThinkOpen);
        for (var c = 0; c <= maxThink; c++)
        {
            _allowedByState[ThinkState(c)] = c < maxThink ? Only(vocab, [.. think, _tags.ThinkClose]) : Only(vocab, _tags.ThinkClose);
        }

        _allowedByState[AfterThink] = Only(vocab, _tags.AnswerOpen);
        for (var c = 0; c <= maxAnswer; c++)
        {
            _allowedByState[AnswerState(c)] = c == 0 ? Only(vocab, answer) : c < maxAnswer ? Only(vocab, [.. answer, _tags.AnswerClose]) : Only(vocab, _tags.AnswerClose);
        }

        _allowedByState[Done] = Only(vocab, tokenizer.EosId);
        _forcedByState = [.. _allowedByState.Select(row => row.Count(a => a) == 1 ? Array.IndexOf(row, true) : (int?)null)];
    }

    public static int InitialState => 0;

    /// <summary>The state after <paramref name="token"/> was emitted in <paramref name="state"/>.</summary>
    public int Advance(int state, int token)
    {
        if (state == InitialState)
        {
            return token == _tags.ThinkOpen ? ThinkState(0) : Done;
        }

        if (state < AfterThink)
        {
            return token == _tags.ThinkClose ? AfterThink : Math.Min(state + 1, ThinkState(_maxThink));
        }

        if (state == AfterThink)
        {
            return token == _tags.AnswerOpen ? AnswerState(0) : Done;
        }

        if (state < Done)
        {
            return token == _tags.AnswerClose ? Done : Math.Min(state + 1, AnswerState(_maxAnswer));
        }

        return Done;
    }

    /// <summary>The only token allowed in <paramref name="state"/>, or null when there is a choice.</summary>
    public int? ForcedToken(int state) => _forcedByState[state];

    /// <summary>[states..., vocab] bool: the tokens allowed in each given state.</summary>
    public Tensor AllowedMask(Tensor states)
    {
        ArgumentNullException.ThrowIfNull(states);
        using var table = tensor(_allowedByState.SelectMany(row => row).ToArray(), [_allowedByState.Length, _allowedByState[0].Length], device: states.device);
        var flat = table.index_select(0, states.reshape(-1));
        return flat.reshape([.. states.shape, _allowedByState[0].Length]);
    }

    private static int[] AlphabetIds(ITokenizer tokenizer, string alphabet)
    {
        var ids = new SortedSet<int>();
        foreach (var ch in alphabet.Distinct())
        {
            var encoded = tokenizer.Encode(ch.ToString());
            if (encoded.Length != 1)
            {
                throw new ArgumentException($"The format guide needs one token per character, but '{ch}' encodes to {encoded.Length}. Use the byte tokenizer or turn the guide off.");
            }

            ids.Add(encoded[0]);
        }

        return [.. ids];
    }

    private static bool[] Only(int vocab, params int[] ids)
    {
        var row = new bool[vocab];
        foreach (var id in ids)
        {
            row[id] = true;
        }

        return row;
    }
}
