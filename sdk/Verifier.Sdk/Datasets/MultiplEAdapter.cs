using System.Text.Json;
using Verifier.Contracts;

namespace Verifier.Sdk.Datasets;

/// <summary>
/// MultiPL-E: <c>prompt</c> and <c>tests</c> become assert tests in the row's language (<see cref="MultiplETests"/>),
/// the entry point the function the prompt leaves open. The language is the row's <c>language</c>, a file code
/// (<c>js</c>, <c>cs</c>; Go's rows say <c>go_test.go</c>) or a service name (<c>javascript</c>), else the adapter's
/// default. Every MultiPL-E language runs assert tests in the service; a code it does not know (<c>py</c>, <c>r</c>)
/// is an error.
/// </summary>
internal sealed class MultiplEAdapter(string defaultLanguage) : IDatasetAdapter
{
    public string Name => "multipl-e";

    public CodeSpec ToCodeSpec(JsonElement row)
    {
        var language = Language(RowFields.OptionalText(row, "language") ?? defaultLanguage);
        var prompt = RowFields.RequiredText(row, "prompt");
        var tests = RowFields.RequiredText(row, "tests");
        try
        {
            return new CodeSpec
            {
                Language = language,
                Tests = CodeTests.Assert(MultiplETests.EntryPoint(prompt), MultiplETests.ForLanguage(language, prompt, tests)),
            };
        }
        catch (FormatException e)
        {
            throw new DatasetRowException("prompt", e.Message, e);
        }
    }

    private static string Language(string given)
    {
        var code = given.Trim().ToLowerInvariant();
        // Go's rows name the file (go_test.go), not the language.
        code = code.Split('_', '.')[0];
        if (MultiplETests.Languages.TryGetValue(code, out var language))
        {
            return language;
        }

        return MultiplETests.Languages.Values.Contains(code, StringComparer.Ordinal)
            ? code
            : throw new DatasetRowException("language", $"'{given}' is not a MultiPL-E language; one of {string.Join(", ", MultiplETests.Languages.Keys)}");
    }
}
