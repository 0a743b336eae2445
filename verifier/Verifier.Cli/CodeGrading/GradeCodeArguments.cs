using Verifier.Cli.Grading;
using Verifier.Sdk.Datasets;

namespace Verifier.Cli.CodeGrading;

/// <summary>Parses <c>grade-code</c>'s arguments; every mistake is a message that names the flag.</summary>
internal static class GradeCodeArguments
{
    public const string Usage = """
        usage: verifier grade-code --format DATASET --input IN.jsonl --output OUT.jsonl --remote URL[,URL...] [options]

        Each input line is a row of DATASET (apps, taco, codecontests, livecodebench, humaneval, humaneval+, mbpp,
        mbpp+, multipl-e) with the model's completion added. The row's tests are built from the row alone and run in
        the verifier's sandbox. Each output line has "line", "id", "correct" (true, false, or null when the service
        could not decide), "reward", "verdict" and "reason".

        options:
          --remote URL[,URL...]    verifier replicas to grade through (required: code runs in their sandbox)
          --api-key KEY            bearer key for --remote (or VERIFIER_API_KEY)
          --completion-field NAME  the row's field holding the completion (default "completion")
          --language NAME          the completions' language for apps, taco, codecontests and livecodebench
                                   (default python); multipl-e rows name their own
          --batch-size N           rows per request (default 64)
          --quiet                  no progress line
        """;

    public static bool TryParse(IReadOnlyList<string> args, out GradeCodeOptions options, out string error)
    {
        options = null!;
        error = "";
        string? format = null, input = null, output = null, apiKey = Environment.GetEnvironmentVariable("VERIFIER_API_KEY");
        string completionField = "completion", language = "python";
        var remote = new List<Uri>();
        var quiet = false;
        var batchSize = 64;

        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            switch (flag)
            {
                case "--format": if (!GradeArguments.TryValue(args, ref i, flag, out format, out error)) return false; break;
                case "--input": if (!GradeArguments.TryValue(args, ref i, flag, out input, out error)) return false; break;
                case "--output": if (!GradeArguments.TryValue(args, ref i, flag, out output, out error)) return false; break;
                case "--api-key": if (!GradeArguments.TryValue(args, ref i, flag, out apiKey, out error)) return false; break;
                case "--completion-field": if (!GradeArguments.TryValue(args, ref i, flag, out completionField, out error)) return false; break;
                case "--language": if (!GradeArguments.TryValue(args, ref i, flag, out language, out error)) return false; break;
                case "--quiet": quiet = true; break;
                case "--batch-size":
                    if (!GradeArguments.TryValue(args, ref i, flag, out var size, out error)) return false;
                    if (!int.TryParse(size, out batchSize) || batchSize is < 1 or > 1024)
                    {
                        error = "--batch-size must be an integer from 1 to 1024";
                        return false;
                    }

                    break;
                case "--remote":
                    if (!GradeArguments.TryValue(args, ref i, flag, out var urls, out error) || !GradeArguments.TryAddRemote(urls, remote, out error)) return false;
                    break;
                default:
                    error = $"unknown option '{flag}'";
                    return false;
            }
        }

        error = (format, input, output) switch
        {
            (null, _, _) => $"--format is required: one of {string.Join(", ", DatasetAdapters.Names)}",
            (_, null, _) => "--input is required",
            (_, _, null) => "--output is required",
            _ when !DatasetAdapters.Names.Contains(format.ToLowerInvariant()) => $"--format: unknown dataset '{format}'; one of {string.Join(", ", DatasetAdapters.Names)}",
            _ when DatasetAdapters.FieldsRead.Contains(completionField) =>
                $"--completion-field: '{completionField}' is a field the tests are read from; the completion must have a field of its own",
            _ when remote.Count == 0 => "--remote is required: code runs in the verifier's sandbox, never in this process",
            _ when string.IsNullOrEmpty(apiKey) => "--remote needs --api-key (or VERIFIER_API_KEY)",
            _ => "",
        };
        if (error.Length > 0)
        {
            return false;
        }

        try
        {
            // Refuses a language the dataset's tests cannot take (HumanEval's are Python) before any row is read.
            DatasetAdapters.Create(format!, language);
        }
        catch (ArgumentException e)
        {
            error = $"--language: {e.Message}";
            return false;
        }

        options = new GradeCodeOptions
        {
            Format = format!, Input = input!, Output = output!, Remote = remote, ApiKey = apiKey!,
            CompletionField = completionField, Language = language, BatchSize = batchSize, Quiet = quiet,
        };
        return true;
    }
}
