using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace VerifierHarness;

/// <summary>
/// Converts a call's JSON arguments to the parameters' types: numbers to any numeric type they fit exactly, strings
/// (and one-character strings to char), arrays to arrays, lists, sets, tuples and any interface a list implements,
/// objects (or [key, value] pairs) to dictionaries. A value that does not fit is an <see cref="ArgumentException"/>
/// naming the parameter, so that an overload that fits can be tried instead.
/// </summary>
internal static class JsonArguments
{
    private const int MaxDepth = 200;

    public static object?[] Convert(ParameterInfo[] parameters, JsonElement args)
    {
        var values = new object?[parameters.Length];
        var given = args.GetArrayLength();
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (i >= given)
            {
                values[i] = parameter.DefaultValue;
                continue;
            }

            try
            {
                values[i] = To(parameter.ParameterType, args[i], 0);
            }
            catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException or ArgumentException or JsonException)
            {
                throw new ArgumentException($"argument {i + 1} ({parameter.Name}): {e.Message}");
            }
        }

        return values;
    }

    private static object? To(Type type, JsonElement value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"nested deeper than {MaxDepth}");
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return !type.IsValueType || Nullable.GetUnderlyingType(type) is not null
                ? null
                : throw new ArgumentException($"null is not a {Name(type)}");
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(object))
        {
            return Natural(value, depth);
        }

        if (type == typeof(string))
        {
            return value.GetString();
        }

        if (type == typeof(char))
        {
            var text = value.GetString() ?? "";
            return text.Length == 1 ? text[0] : throw new ArgumentException($"\"{text}\" is not one character");
        }

        if (type == typeof(bool))
        {
            return value.GetBoolean();
        }

        if (type.IsEnum)
        {
            return value.ValueKind == JsonValueKind.String
                ? Enum.Parse(type, value.GetString()!, ignoreCase: false)
                : Enum.ToObject(type, value.GetInt64());
        }

        if (Number(type, value) is { } number)
        {
            return number;
        }

        if (type.IsArray)
        {
            return ToArray(type, value, depth);
        }

        if (type.IsGenericType)
        {
            return ToGeneric(type, value, depth);
        }

        throw new ArgumentException($"a JSON {value.ValueKind.ToString().ToLowerInvariant()} cannot be passed as a {Name(type)}");
    }

    private static object? Number(Type type, JsonElement value)
    {
        var code = Type.GetTypeCode(type);
        if (code is < TypeCode.SByte or > TypeCode.Decimal && type != typeof(BigInteger))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new ArgumentException($"a JSON {value.ValueKind.ToString().ToLowerInvariant()} is not a {Name(type)}");
        }

        var text = value.GetRawText();
        return code switch
        {
            TypeCode.Double => value.GetDouble(),
            TypeCode.Single => value.GetSingle(),
            TypeCode.Decimal => value.GetDecimal(),
            _ when type == typeof(BigInteger) => BigInteger.Parse(Integral(text), CultureInfo.InvariantCulture),
            _ => System.Convert.ChangeType(BigInteger.Parse(Integral(text), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), type, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>An integer's digits: <c>3.0</c> and <c>1e3</c> are integers, <c>2.5</c> is not.</summary>
    private static string Integral(string text)
    {
        if (!text.Contains('.') && !text.Contains('e') && !text.Contains('E'))
        {
            return text;
        }

        var number = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return decimal.Truncate(number) == number
            ? decimal.Truncate(number).ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"{text} is not an integer");
    }

    private static Array ToArray(Type type, JsonElement value, int depth)
    {
        if (type.GetArrayRank() != 1)
        {
            throw new ArgumentException($"multi-dimensional arrays ({Name(type)}) are not supported; use jagged arrays");
        }

        var items = Items(value);
        var element = type.GetElementType()!;
        var array = Array.CreateInstance(element, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(To(element, items[i], depth + 1), i);
        }

        return array;
    }

    private static object ToGeneric(Type type, JsonElement value, int depth)
    {
        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if (typeof(ITuple).IsAssignableFrom(type) && arguments.Length <= 7)
        {
            var items = Items(value);
            if (items.Count != arguments.Length)
            {
                throw new ArgumentException($"{items.Count} values cannot make a {Name(type)}");
            }

            var parts = items.Select((item, i) => To(arguments[i], item, depth + 1)).ToArray();
            return Activator.CreateInstance(type, parts)!;
        }

        if (arguments.Length == 2 && IsDictionary(definition))
        {
            var concrete = definition == typeof(SortedDictionary<,>) ? type : typeof(Dictionary<,>).MakeGenericType(arguments);
            var dictionary = (IDictionary)Activator.CreateInstance(concrete)!;
            foreach (var (key, item) in Pairs(value, arguments[0]))
            {
                dictionary[To(arguments[0], key, depth + 1)!] = To(arguments[1], item, depth + 1);
            }

            return dictionary;
        }

        if (arguments.Length == 1 && Collection(definition, arguments[0]) is { } collectionType)
        {
            var collection = Activator.CreateInstance(collectionType)!;
            var add = collectionType.GetMethod("Add", [arguments[0]]) ?? collectionType.GetMethod("Enqueue", [arguments[0]])!;
            foreach (var item in Items(value))
            {
                add.Invoke(collection, [To(arguments[0], item, depth + 1)]);
            }

            return collection;
        }

        throw new ArgumentException($"a JSON {value.ValueKind.ToString().ToLowerInvariant()} cannot be passed as a {Name(type)}");
    }

    private static bool IsDictionary(Type definition) =>
        definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) ||
        definition == typeof(SortedDictionary<,>);

    private static Type? Collection(Type definition, Type element)
    {
        if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>) ||
            definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>))
        {
            return typeof(List<>).MakeGenericType(element);
        }

        if (definition == typeof(HashSet<>) || definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>))
        {
            return typeof(HashSet<>).MakeGenericType(element);
        }

        if (definition == typeof(SortedSet<>) || definition == typeof(LinkedList<>) || definition == typeof(Queue<>))
        {
            return definition.MakeGenericType(element);
        }

        return null;
    }

    private static List<JsonElement> Items(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : throw new ArgumentException($"a JSON {value.ValueKind.ToString().ToLowerInvariant()} is not a list");

    private static IEnumerable<(JsonElement Key, JsonElement Value)> Pairs(JsonElement value, Type keyType)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                yield return (KeyOf(property.Name, keyType), property.Value);
            }

            yield break;
        }

        foreach (var pair in Items(value))
        {
            var parts = Items(pair);
            if (parts.Count != 2)
            {
                throw new ArgumentException("a dictionary entry is not a [key, value] pair");
            }

            yield return (parts[0], parts[1]);
        }
    }

    /// <summary>A JSON object's keys are strings: for a numeric key type the name is read as the number it spells.</summary>
    private static JsonElement KeyOf(string name, Type keyType)
    {
        var numeric = keyType != typeof(string) && keyType != typeof(char) && keyType != typeof(object) && !keyType.IsEnum;
        using var document = JsonDocument.Parse(numeric ? name : $"\"{JsonEncodedText.Encode(name)}\"");
        return document.RootElement.Clone();
    }

    private static object? Natural(JsonElement value, int depth) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(v => Natural(v, depth + 1)).ToList(),
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => Natural(p.Value, depth + 1)),
        _ => null,
    };

    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Name;
}
