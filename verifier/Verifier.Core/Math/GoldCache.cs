using System.Collections.Concurrent;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math;

/// <summary>
/// Parsed gold answers by text. A training run asks about the same few thousand golds again and again; a
/// bounded map that simply starts over when full is enough and never grows without limit.
/// </summary>
internal sealed class GoldCache(int capacity)
{
    private readonly ConcurrentDictionary<string, ParsedAnswer> _entries = new(StringComparer.Ordinal);

    public ParsedAnswer GetOrAdd(string gold, Func<string, ParsedAnswer> parse)
    {
        if (capacity == 0)
        {
            return parse(gold);
        }

        if (_entries.TryGetValue(gold, out var cached))
        {
            return cached;
        }

        var parsed = parse(gold);
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries.TryAdd(gold, parsed);
        return parsed;
    }
}
