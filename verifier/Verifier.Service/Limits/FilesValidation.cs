using System.Globalization;
using Verifier.Contracts;
using Verifier.Core.Code;
using Verifier.Core.Code.Files;
using Verifier.Sandbox;

namespace Verifier.Service.Limits;

/// <summary>
/// The checks on a code item's extra files, fetched paths, compile options and per-request output and stack limits.
/// Each error names its field by JSON path (<c>items[0].code.files[2].path</c>); the path and option rules are Core's
/// (<see cref="WorkPath"/>, <see cref="CompileOptionRules"/>), shared with the sandbox's own validation, and the caps are
/// the sandbox's options, so the two can never disagree.
/// </summary>
internal static class FilesValidation
{
    /// <param name="at">The code spec's path (<c>items[i].code</c>).</param>
    /// <param name="reserved">The language's own paths; null when the language is unknown (already an error).</param>
    public static void Validate(CodeSpec code, IReadOnlySet<string>? reserved, SandboxOptions sandbox, string at, ValidationErrors errors) =>
        Validate(new Parts(code.Language, code.Tests?.Kind, code.Files, code.FetchFiles, code.CompileOptions, code.Limits), reserved, sandbox, at, errors);

    /// <summary>The same checks for a raw run (<c>POST /v1/run</c>), whose program is built as an io program is.</summary>
    public static void Validate(RunItem run, IReadOnlySet<string>? reserved, SandboxOptions sandbox, string at, ValidationErrors errors) =>
        Validate(new Parts(run.Language, TestKinds.Io, run.Files, run.FetchFiles, run.CompileOptions, run.Limits), reserved, sandbox, at, errors);

    private static void Validate(Parts parts, IReadOnlySet<string>? reserved, SandboxOptions sandbox, string at, ValidationErrors errors)
    {
        ValidateFiles(parts.Files, reserved, parts.Language ?? "", sandbox, $"{at}.files", errors);
        ValidateFetch(parts.FetchFiles, sandbox, $"{at}.fetchFiles", errors);
        if (parts.CompileOptions is { } options && reserved is not null && parts.Kind is { } kind)
        {
            foreach (var (field, message) in CompileOptionRules.Check(parts.Language ?? "", KindOf(kind), ToCore(options)!))
            {
                errors.Add(field is null ? $"{at}.compileOptions" : $"{at}.compileOptions.{field}", message);
            }
        }

        if (parts.Limits is { } limits)
        {
            if (limits.OutputKb is < 1 || limits.OutputKb > sandbox.OutputLimitKb)
            {
                errors.Add($"{at}.limits.outputKb", $"from 1 to {sandbox.OutputLimitKb}");
            }

            var memory = limits.MemoryMb ?? sandbox.DefaultMemoryMb;
            if (limits.StackMb is < 1 || limits.StackMb > memory)
            {
                errors.Add($"{at}.limits.stackMb", $"from 1 to the memory limit ({memory} MB)");
            }
        }
    }

    /// <summary>What a code item and a raw run have in common here.</summary>
    private sealed record Parts(
        string? Language, string? Kind, IReadOnlyList<CodeFileSpec?>? Files, IReadOnlyList<string?>? FetchFiles, CompileOptionsSpec? CompileOptions, Verifier.Contracts.CodeLimits? Limits);

    /// <summary>Validated wire files as Core takes them.</summary>
    public static IReadOnlyList<CodeFile> ToCore(IReadOnlyList<CodeFileSpec>? files) =>
        [.. (files ?? []).Select(f => new CodeFile(f.Path!, Decode(f)!))];

    /// <summary>The wire's compile options as Core takes them.</summary>
    public static CompileOptions? ToCore(CompileOptionsSpec? options) =>
        options is null ? null : new CompileOptions(options.Standard, options.Optimize, options.Defines);

    /// <summary>The bytes of a validated file; null when its content is missing or not the base64 it claims to be.</summary>
    public static byte[]? Decode(CodeFileSpec file)
    {
        if (file.Content is null)
        {
            return null;
        }

        if (file.Encoding != FileEncodings.Base64)
        {
            return System.Text.Encoding.UTF8.GetBytes(file.Content);
        }

        var buffer = new byte[(file.Content.Length / 4 * 3) + 3];
        return Convert.TryFromBase64String(file.Content, buffer, out var written) ? buffer[..written] : null;
    }

    private static void ValidateFiles(IReadOnlyList<CodeFileSpec?>? files, IReadOnlySet<string>? reserved, string language, SandboxOptions sandbox, string at, ValidationErrors errors)
    {
        if (files is null)
        {
            return;
        }

        if (files.Count > sandbox.MaxFiles)
        {
            errors.AddTooLarge(at, $"{files.Count} files; at most {sandbox.MaxFiles}");
            return;
        }

        long bytes = 0;
        var seen = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var field = $"{at}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (files[i] is not { } file)
            {
                errors.Add(field, "must be an object");
                continue;
            }

            if (WorkPath.Problem(file.Path) is { } problem)
            {
                errors.Add($"{field}.path", problem);
            }
            else if (reserved?.FirstOrDefault(r => WorkPath.Collide(r, file.Path!)) is { } own)
            {
                errors.Add($"{field}.path", $"'{file.Path}' collides with {language}'s own file '{own}'");
            }
            else if (seen.FirstOrDefault(p => WorkPath.Collide(p, file.Path!)) is { } earlier)
            {
                errors.Add($"{field}.path", earlier == file.Path ? $"'{file.Path}' is given twice" : $"'{file.Path}' collides with the file '{earlier}' (one would be a directory of the other)");
            }
            else
            {
                seen.Add(file.Path!);
            }

            if (file.Encoding is not (null or FileEncodings.Text or FileEncodings.Base64))
            {
                errors.Add($"{field}.encoding", $"text or base64, got '{file.Encoding}'");
            }
            else if (file.Content is null)
            {
                errors.Add($"{field}.content", "required (an empty file is \"\")");
            }
            else if (Decode(file) is { } content)
            {
                bytes += content.Length;
            }
            else
            {
                errors.Add($"{field}.content", "not valid base64");
            }
        }

        if (bytes > sandbox.MaxFilesKb * 1024L)
        {
            errors.AddTooLarge(at, $"{bytes} bytes of files; at most {sandbox.MaxFilesKb} KB");
        }
    }

    private static void ValidateFetch(IReadOnlyList<string?>? paths, SandboxOptions sandbox, string at, ValidationErrors errors)
    {
        if (paths is null)
        {
            return;
        }

        if (paths.Count > sandbox.MaxFetchFiles)
        {
            errors.AddTooLarge(at, $"{paths.Count} paths; at most {sandbox.MaxFetchFiles}");
            return;
        }

        for (var i = 0; i < paths.Count; i++)
        {
            var field = $"{at}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (WorkPath.Problem(paths[i]) is { } problem)
            {
                errors.Add(field, problem);
            }
            else if (paths.Take(i).Contains(paths[i]))
            {
                errors.Add(field, $"'{paths[i]}' is listed twice");
            }
        }
    }

    private static CodeTestKind KindOf(string kind) => kind switch
    {
        TestKinds.Function => CodeTestKind.Function,
        TestKinds.Assert => CodeTestKind.Assert,
        _ => CodeTestKind.Io,
    };
}
