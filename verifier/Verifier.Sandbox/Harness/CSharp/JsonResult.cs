using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace VerifierHarness;

/// <summary>A return value that is not plain data (an object graph, NaN, a cycle): the answer says so, the call is wrong.</summary>
internal sealed class UntransferableException(string message) : Exception(message);

/// <summary>
/// Writes a return value as JSON the way the Python server does: numbers, strings (a char is a one-character string),
/// booleans and null as themselves; arrays, lists, sets, tuples and any other sequence as arrays; dictionaries as objects
/// whose keys are the keys' invariant text. Anything else (a class instance, a non-finite float) is untransferable.
/// </summary>
internal static class JsonResult
{
    private const int MaxDepth = 200;

    public static string Write(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Value(writer, value, 0);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Value(Utf8JsonWriter writer, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new UntransferableException($"nested deeper than {MaxDepth}");
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string text:
                writer.WriteStringValue(text);
                return;
            case char character:
                writer.WriteStringValue(character.ToString());
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
            case Enum:
                writer.WriteRawValue(System.Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                return;
            case double or float or Half:
                var real = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(real))
                {
                    throw new UntransferableException($"{real.ToString(CultureInfo.InvariantCulture)} is not a JSON number");
                }

                writer.WriteNumberValue(real);
                return;
            case decimal number:
                writer.WriteNumberValue(number);
                return;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                return;
            case sbyte or byte or short or ushort or int or uint or long or ulong or Int128 or UInt128 or nint or nuint:
                writer.WriteRawValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                return;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Key(entry.Key));
                    Value(writer, entry.Value, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case ITuple tuple:
                writer.WriteStartArray();
                for (var i = 0; i < tuple.Length; i++)
                {
                    Value(writer, tuple[i], depth + 1);
                }

                writer.WriteEndArray();
                return;
            case IEnumerable sequence:
                writer.WriteStartArray();
                foreach (var item in sequence)
                {
                    Value(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                return;
        }

        var type = value.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            writer.WriteStartArray();
            Value(writer, type.GetProperty("Key")!.GetValue(value), depth + 1);
            Value(writer, type.GetProperty("Value")!.GetValue(value), depth + 1);
            writer.WriteEndArray();
            return;
        }

        throw new UntransferableException($"a value of type {type.Name} is not JSON");
    }

    private static string Key(object key) => key switch
    {
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? "",
    };
}
