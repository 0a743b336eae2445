namespace Verifier.Service.Limits;

/// <summary>Collects field errors in the shape ValidationProblem wants, keyed by JSON path (<c>items[3].math.gold</c>).</summary>
internal sealed class ValidationErrors
{
    /// <summary>Enough to show a pattern without echoing a 1024-item request back.</summary>
    private const int MaxErrors = 50;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>Set when a size limit was exceeded, which makes the response a 413 rather than a 400.</summary>
    public bool TooLarge { get; private set; }

    public void Add(string field, string message)
    {
        if (_errors.Count >= MaxErrors && !_errors.ContainsKey(field))
        {
            return;
        }

        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public void AddTooLarge(string field, string message)
    {
        TooLarge = true;
        Add(field, message);
    }

    /// <summary>
    /// Every error of <paramref name="other"/> under the field name <paramref name="rename"/> gives it (a compat route
    /// naming a field as its own contract does), and its size flag with them.
    /// </summary>
    public void AddRenamed(ValidationErrors other, Func<string, string> rename)
    {
        foreach (var (field, messages) in other._errors)
        {
            foreach (var message in messages)
            {
                Add(rename(field), message);
            }
        }

        TooLarge |= other.TooLarge;
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
