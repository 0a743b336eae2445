namespace Verifier.Cli.Grading;

/// <summary>Parses <c>grade</c>'s arguments; every mistake is a message that names the flag.</summary>
internal static class GradeArguments
{
    public const string Usage = """
        usage: verifier grade --input IN.jsonl --output OUT.jsonl [options]

        Each input line is a JSON object with "gold", "completion" and optionally "id". Each output line has
        "line", "id", "correct" (true, false, or null when undecided), "reward", "extracted" and "reason".
        A row may carry its own math options: "extract" and "tolerance" (as the API's math.extract and
        math.tolerance), and, in-process only, "extractionRules" (boxed, finalAnswerIs, answerLabel, lastMath,
        lastNumber), "absoluteTolerance", "allowSetRelationComparison" and "extractGold" (the gold is a worked
        solution whose answer is read like the completion's).

        options:
          --format                 add R1's format reward (think, then answer) to the reward
          --extract completion|answer
                                   completion (default): read the answer from the completion (\boxed{}, ...);
                                   answer: the completion is the bare answer (LaTeX or plain), nothing is extracted
          --dataset mathverify     the rows are Math-Verify test cases ("gold", "pred", "options"), each graded
                                   under its own options as the benchmark harness grades it
          --remote URL[,URL...]    grade through verifier replicas instead of in-process
          --api-key KEY            bearer key for --remote (or VERIFIER_API_KEY)
          --batch-size N           rows per batch (default 1024)
          --quiet                  no progress line
        """;

    public static bool TryParse(IReadOnlyList<string> args, out GradeOptions options, out string error)
    {
        options = null!;
        error = "";
        string? input = null, output = null, apiKey = Environment.GetEnvironmentVariable("VERIFIER_API_KEY");
        var remote = new List<Uri>();
        var withFormat = false;
        string? extract = null, dataset = null;
        var quiet = false;
        var batchSize = 1024;

        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            switch (flag)
            {
                case "--input": if (!TryValue(args, ref i, flag, out input, out error)) return false; break;
                case "--output": if (!TryValue(args, ref i, flag, out output, out error)) return false; break;
                case "--api-key": if (!TryValue(args, ref i, flag, out apiKey, out error)) return false; break;
                case "--format": withFormat = true; break;
                case "--extract":
                    if (!TryValue(args, ref i, flag, out extract, out error)) return false;
                    if (!Verifier.Contracts.MathExtraction.IsKnown(extract))
                    {
                        error = "--extract must be 'completion' or 'answer'";
                        return false;
                    }

                    break;
                case "--dataset":
                    if (!TryValue(args, ref i, flag, out dataset, out error)) return false;
                    if (dataset != MathVerifyRows.Dataset)
                    {
                        error = $"--dataset must be '{MathVerifyRows.Dataset}'";
                        return false;
                    }

                    break;
                case "--quiet": quiet = true; break;
                case "--batch-size":
                    if (!TryValue(args, ref i, flag, out var size, out error)) return false;
                    if (!int.TryParse(size, out batchSize) || batchSize is < 1 or > 100_000)
                    {
                        error = "--batch-size must be an integer from 1 to 100000";
                        return false;
                    }

                    break;
                case "--remote":
                    if (!TryValue(args, ref i, flag, out var urls, out error) || !TryAddRemote(urls, remote, out error)) return false;
                    break;
                default:
                    error = $"unknown option '{flag}'";
                    return false;
            }
        }

        if (input is null || output is null)
        {
            error = input is null ? "--input is required" : "--output is required";
            return false;
        }

        if (remote.Count > 0 && string.IsNullOrEmpty(apiKey))
        {
            error = "--remote needs --api-key (or VERIFIER_API_KEY)";
            return false;
        }

        // Math-Verify's cases set the engine per case (rules, precision), which only in-process grading can do, and
        // they say how both sides are read, so a command-line --extract would change what is being reproduced.
        if (dataset is not null && (remote.Count > 0 || extract is not null))
        {
            error = remote.Count > 0
                ? "--dataset mathverify grades in-process only: its cases set engine options the API does not have"
                : "--dataset mathverify reads both sides as each case says; --extract does not apply";
            return false;
        }

        options = new GradeOptions
        {
            Input = input, Output = output, WithFormat = withFormat, Extract = extract, Dataset = dataset, Remote = remote, ApiKey = apiKey,
            BatchSize = batchSize, Quiet = quiet,
        };
        return true;
    }

    /// <summary>Adds each of a comma-separated list of http(s) URLs, as <c>--remote</c> takes them.</summary>
    internal static bool TryAddRemote(string urls, List<Uri> remote, out string error)
    {
        error = "";
        foreach (var url in urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                error = $"--remote: '{url}' is not an http(s) URL";
                return false;
            }

            remote.Add(uri);
        }

        return true;
    }

    internal static bool TryValue(IReadOnlyList<string> args, ref int i, string flag, out string value, out string error)
    {
        value = "";
        error = "";
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            error = $"{flag} needs a value";
            return false;
        }

        value = args[++i];
        return true;
    }
}
