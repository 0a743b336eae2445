using System.Text.Json;

namespace Verifier.Core.Code;

/// <summary>
/// Compares a function's JSON result with the expected JSON, outside the sandbox. Structure must match exactly:
/// arrays element by element, objects by the same set of keys, strings and booleans exactly, null only with null.
/// Numbers, at any depth, follow the <see cref="NumberRule"/>: by default an expected integer only as exactly the
/// same value (3.0 is 3; 1e9 is not 1000000007, and no tolerance applies), an expected decimal within the tolerance
/// (0.1+0.2 matches 0.3).
/// </summary>
public sealed class JsonValueComparer(NumberRule numbers)
{
    private const int MaxDepth = 256;

    /// <summary>Expected integers by exact value; expected decimals within <paramref name="decimalTolerance"/>.</summary>
    public JsonValueComparer(double decimalTolerance = NumericTolerance.Default)
        : this(NumberRule.StrictValues(decimalTolerance))
    {
    }

    public NumberRule Numbers { get; } = numbers ?? throw new ArgumentNullException(nameof(numbers));

    /// <summary>Null when equal; otherwise where and how they differ (<c>$[2].name: expected "a", got "b"</c>).</summary>
    public string? Difference(JsonElement expected, JsonElement actual) => Difference(expected, actual, "$", 0);

    public bool Equal(JsonElement expected, JsonElement actual) => Difference(expected, actual) is null;

    private string? Difference(JsonElement expected, JsonElement actual, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            return $"{path}: nested deeper than {MaxDepth}";
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {Describe(expected)}, got {Describe(actual)}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Array:
                var want = expected.GetArrayLength();
                var got = actual.GetArrayLength();
                if (want != got)
                {
                    return $"{path}: expected {want} elements, got {got}";
                }

                var i = 0;
                using (var a = actual.EnumerateArray())
                {
                    foreach (var e in expected.EnumerateArray())
                    {
                        a.MoveNext();
                        var diff = Difference(e, a.Current, $"{path}[{i}]", depth + 1);
                        if (diff is not null)
                        {
                            return diff;
                        }

                        i++;
                    }
                }

                return null;

            case JsonValueKind.Object:
                var expectedProps = Properties(expected);
                var actualProps = Properties(actual);
                if (expectedProps is null || actualProps is null)
                {
                    return $"{path}: an object with a repeated key";
                }

                var missing = expectedProps.Keys.FirstOrDefault(k => !actualProps.ContainsKey(k));
                if (missing is not null)
                {
                    return $"{path}: missing key \"{missing}\"";
                }

                var extra = actualProps.Keys.FirstOrDefault(k => !expectedProps.ContainsKey(k));
                if (extra is not null)
                {
                    return $"{path}: unexpected key \"{extra}\"";
                }

                foreach (var (key, value) in expectedProps)
                {
                    var diff = Difference(value, actualProps[key], $"{path}.{key}", depth + 1);
                    if (diff is not null)
                    {
                        return diff;
                    }
                }

                return null;

            case JsonValueKind.Number:
                return Numbers.Matches(expected.GetRawText(), actual.GetRawText())
                    ? null
                    : $"{path}: expected {Describe(expected)}, got {Describe(actual)}";

            case JsonValueKind.String:
                return string.Equals(expected.GetString(), actual.GetString(), StringComparison.Ordinal)
                    ? null
                    : $"{path}: expected {Describe(expected)}, got {Describe(actual)}";

            default:
                return null; // true, false, null: the kinds already matched
        }
    }

    private static Dictionary<string, JsonElement>? Properties(JsonElement obj)
    {
        var props = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            if (!props.TryAdd(p.Name, p.Value))
            {
                return null;
            }
        }

        return props;
    }

    private static string Describe(JsonElement e)
    {
        var text = e.ValueKind switch
        {
            JsonValueKind.Array => $"an array of {e.GetArrayLength()}",
            JsonValueKind.Object => "an object",
            _ => e.GetRawText(),
        };
        return text.Length <= 60 ? text : text[..60] + "...";
    }
}
