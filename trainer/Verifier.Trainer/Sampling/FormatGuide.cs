using TorchSharp;
using Verifier.Trainer.Tokenization;
using static TorchSharp.torch;

namespace Verifier.Trainer.Sampling;

/// <summary>
/// Optional constrained decoding to the R1 shape: &lt;think&gt; (think alphabet)* &lt;/think&gt; &lt;answer&gt;
/// (answer alphabet)+ &lt;/answer&gt;. A policy that starts from random weights almost never emits the four
/// tags in order by chance, so with the guide it is the answer that has to be learned; without it the
/// format must be discovered from the reward. The same masks are applied when the trainer recomputes
/// log-probabilities, so the policy being optimised is exactly the one that sampled.
/// </summary>
public sealed class FormatGuide
{
    private const int Start = 0, Think = 1, AfterThink = 2, AnswerFirst = 3, Answer = 4, Done = 5;
    private readonly SpecialTokenIds _tags;
    private readonly bool[][] _allowedByState;

    public FormatGuide(ITokenizer tokenizer, string thinkAlphabet, string answerAlphabet)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tags = tokenizer.Tags;
        var vocab = tokenizer.VocabSize;
        var think = AlphabetIds(tokenizer, thinkAlphabet);
        var answer = AlphabetIds(tokenizer, answerAlphabet);
        if (answer.Length == 0)
        {
            throw new ArgumentException("The answer alphabet of the format guide is empty.", nameof(answerAlphabet));
        }

        _allowedByState =
        [
            Only(vocab, _tags.ThinkOpen),
            Only(vocab, [.. think, _tags.ThinkClose]),
            Only(vocab, _tags.AnswerOpen),
            Only(vocab, answer),
            Only(vocab, [.. answer, _tags.AnswerClose]),
            Only(vocab, tokenizer.EosId),
        ];
    }

    public static int InitialState => Start;

    /// <summary>The state after <paramref name="token"/> was emitted in <paramref name="state"/>.</summary>
    public int Advance(int state, int token) => state switch
    {
        Start when token == _tags.ThinkOpen => Think,
        Think when token == _tags.ThinkClose => AfterThink,
        Think => Think,
        AfterThink when token == _tags.AnswerOpen => AnswerFirst,
        AnswerFirst => Answer,
        Answer when token == _tags.AnswerClose => Done,
        Answer => Answer,
        _ => Done,
    };

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
