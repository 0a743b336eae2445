using Verifier.Core.Code;
using Verifier.Core.Code.Files;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox;

/// <summary>The checks on a request's extra files, fetched paths, compile options and per-request output and stack limits.</summary>
internal static partial class CodeRequestValidator
{
    private static void ValidateFiles(CodeRequest request, RegisteredLanguage language, SandboxOptions options)
    {
        var files = request.Files ?? [];
        if (files.Count > options.MaxFiles)
        {
            throw new CodeRequestException("files", $"at most {options.MaxFiles} files, got {files.Count}");
        }

        long bytes = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i] ?? throw new CodeRequestException($"files[{i}]", "is null");
            PathRule($"files[{i}].path", file.Path);
            if (language.Language.ReservedPaths.FirstOrDefault(r => WorkPath.Collide(r, file.Path)) is { } own)
            {
                throw new CodeRequestException($"files[{i}].path", $"'{file.Path}' collides with {language.Name}'s own file '{own}'");
            }

            if (files.Take(i).FirstOrDefault(f => WorkPath.Collide(f.Path, file.Path)) is { } earlier)
            {
                throw new CodeRequestException($"files[{i}].path", $"'{file.Path}' collides with the earlier file '{earlier.Path}'");
            }

            bytes += file.Content?.Length ?? throw new CodeRequestException($"files[{i}].content", "is required");
        }

        if (bytes > options.MaxFilesKb * 1024L)
        {
            throw new CodeRequestException("files", $"the files hold {bytes} bytes; at most {options.MaxFilesKb} KB");
        }

        var fetch = request.FetchFiles ?? [];
        if (fetch.Count > options.MaxFetchFiles)
        {
            throw new CodeRequestException("fetchFiles", $"at most {options.MaxFetchFiles} paths, got {fetch.Count}");
        }

        for (var i = 0; i < fetch.Count; i++)
        {
            PathRule($"fetchFiles[{i}]", fetch[i]);
            if (fetch.Take(i).Contains(fetch[i]))
            {
                throw new CodeRequestException($"fetchFiles[{i}]", $"'{fetch[i]}' is listed twice");
            }
        }

        if (request.CompileOptions is { } compile && CompileOptionRules.Check(language.Name, request.Tests.Kind, compile).FirstOrDefault() is { Message: { } message } problem)
        {
            throw new CodeRequestException(problem.Field is null ? "compileOptions" : $"compileOptions.{problem.Field}", message);
        }

        if (request.Limits is { OutputKb: { } output } && (output < 1 || output > options.OutputLimitKb))
        {
            throw new CodeRequestException("limits.outputKb", $"must lie between 1 and {options.OutputLimitKb}");
        }

        var memory = request.Limits?.MemoryMb ?? options.DefaultMemoryMb;
        if (request.Limits is { StackMb: { } stack } && (stack < 1 || stack > memory))
        {
            throw new CodeRequestException("limits.stackMb", $"must lie between 1 and the memory limit ({memory} MB)");
        }
    }

    private static void PathRule(string field, string? path)
    {
        if (WorkPath.Problem(path) is { } problem)
        {
            throw new CodeRequestException(field, problem);
        }
    }
}
