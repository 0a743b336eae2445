using Microsoft.Extensions.Options;
using Verifier.Contracts;
using Verifier.Sandbox;
using Verifier.Service.Limits;
using Verifier.Service.Pipeline;

namespace Verifier.Service.Compat.SandboxFusion;

/// <summary>
/// Checks SandboxFusion's fields, then the item they make against every limit of <c>/v1/run</c>, naming each error by
/// SandboxFusion's field (<c>run_timeout</c>, not <c>items[0].limits.timeMs</c>).
/// </summary>
internal sealed class RunCodeRequestValidator(IOptions<SandboxOptions> sandbox, IRequestValidator<RunRequest> runs) : IRequestValidator<RunCodeRequest>
{
    private const string ItemPrefix = "items[0].";

    /// <summary>Our field paths inside the item, by prefix, to SandboxFusion's names.</summary>
    private static readonly (string Ours, string Theirs)[] FieldNames =
    [
        ("limits.timeMs", "run_timeout"),
        ("limits.memoryMb", "memory_limit_MB"),
        ("fetchFiles", "fetch_files"),
        ("files", "files"),
        ("language", "language"),
        ("code", "code"),
        ("stdin", "stdin"),
    ];

    public ValidationErrors Validate(RunCodeRequest? request)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("body", "required: a JSON object");
            return errors;
        }

        if (request.Language is null)
        {
            errors.Add("language", "field required");
        }
        else if (SandboxFusionLanguages.ToOurs(request.Language) is null)
        {
            errors.Add("language", $"unsupported language '{request.Language}'; supported: {string.Join(", ", SandboxFusionLanguages.Names)}");
        }

        if (request.Code is null)
        {
            errors.Add("code", "field required");
        }

        CheckTimeout(request.RunTimeout, "run_timeout", errors);
        CheckTimeout(request.CompileTimeout, "compile_timeout", errors);
        if (request.MemoryLimitMb is { } mb && mb <= 0 && mb != -1)
        {
            errors.Add("memory_limit_MB", "a positive number of megabytes, or -1 for the default");
        }

        foreach (var (path, content) in request.Files ?? [])
        {
            if (content is null)
            {
                errors.Add("files", $"'{path}': content required (base64)");
            }
        }

        if (errors.Any)
        {
            return errors;
        }

        var item = RunCodeTranslation.ToRunItem(request, sandbox.Value);
        errors.AddRenamed(runs.Validate(new RunRequest { Items = [item] }), TheirName);
        return errors;
    }

    private static void CheckTimeout(double? seconds, string field, ValidationErrors errors)
    {
        if (seconds is { } value && !(value > 0 && double.IsFinite(value)))
        {
            errors.Add(field, "a positive number of seconds");
        }
    }

    private static string TheirName(string field)
    {
        var inItem = field.StartsWith(ItemPrefix, StringComparison.Ordinal) ? field[ItemPrefix.Length..] : field;
        foreach (var (ours, theirs) in FieldNames)
        {
            if (inItem.StartsWith(ours, StringComparison.Ordinal))
            {
                return theirs;
            }
        }

        return inItem;
    }
}
