using Verifier.Core.Code.Files;

namespace Verifier.Sandbox.Languages;

/// <summary>Puts a request's extra files beside the files a language prepared, never over them.</summary>
internal static class ExtraFiles
{
    /// <summary>Why the extra files cannot join the program (one collides with a file the language wrote), or null.</summary>
    public static string? Add(SandboxProgram program, IReadOnlyList<CodeFile> files)
    {
        foreach (var file in files)
        {
            if (program.Files.Keys.FirstOrDefault(own => WorkPath.Collide(own, file.Path)) is { } own)
            {
                return $"the extra file '{file.Path}' collides with the program's own file '{own}'";
            }
        }

        return null;
    }

    public static IReadOnlyDictionary<string, byte[]> Merged(SandboxProgram program, IReadOnlyList<CodeFile> files)
    {
        if (files.Count == 0)
        {
            return program.Files;
        }

        var merged = new Dictionary<string, byte[]>(program.Files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            merged.Add(file.Path, file.Content);
        }

        return merged;
    }
}
