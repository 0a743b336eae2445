namespace Verifier.Sdk.Datasets;

/// <summary>The adapters by dataset name, case-insensitive.</summary>
public static class DatasetAdapters
{
    /// <summary>Every name <see cref="Create"/> knows, <c>humaneval+</c> and <c>mbpp+</c> included.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["apps", "taco", "codecontests", "livecodebench", "humaneval", "humaneval+", "mbpp", "mbpp+", "multipl-e"];

    /// <summary>
    /// Every row field some adapter reads. A completion stored under one of these names would be read as part of the
    /// tests, so a caller that adds the completion to the row must give it another name.
    /// </summary>
    public static IReadOnlySet<string> FieldsRead { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "input_output", "time_limit", "memory_limit", "public_tests", "private_tests", "generated_tests", "memory_limit_bytes",
        "public_test_cases", "private_test_cases", "metadata", "prompt", "test", "entry_point", "test_list", "test_imports",
        "test_setup_code", "code", "language", "tests",
    };

    /// <summary>
    /// The adapter for <paramref name="name"/>. <paramref name="language"/> is the language the completions are written
    /// in, for the datasets whose tests do not fix one (APPS, TACO, CodeContests, LiveCodeBench); HumanEval and MBPP
    /// test Python only, and a MultiPL-E row's own language wins over it.
    /// </summary>
    public static IDatasetAdapter Create(string name, string language = "python")
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        var key = name.ToLowerInvariant();
        if (key.StartsWith("humaneval", StringComparison.Ordinal) || key.StartsWith("mbpp", StringComparison.Ordinal))
        {
            // Their tests are Python: a completion in another language has nothing to be tested against.
            language = language == "python" ? language : throw new ArgumentException($"{key}'s tests are Python; the language cannot be '{language}'", nameof(language));
        }

        return key switch
        {
            "apps" => new AppsAdapter("apps", language),
            "taco" => new AppsAdapter("taco", language),
            "codecontests" or "code_contests" => new CodeContestsAdapter(language),
            "livecodebench" => new LiveCodeBenchAdapter(language),
            "humaneval" or "humaneval+" => new HumanEvalAdapter(key, language),
            "mbpp" or "mbpp+" => new MbppAdapter(key, language),
            "multipl-e" or "multiple" => new MultiplEAdapter(language),
            _ => throw new ArgumentException($"unknown dataset '{name}'; one of {string.Join(", ", Names)}", nameof(name)),
        };
    }
}
