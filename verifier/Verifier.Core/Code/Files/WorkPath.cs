using System.Text.RegularExpressions;

namespace Verifier.Core.Code.Files;

/// <summary>
/// The rule for a path inside a submission's working directory, shared by the service's validation and the sandbox's:
/// relative, at most 8 segments of letters, digits, <c>_</c>, <c>.</c>, <c>+</c> and <c>-</c>, none empty, none <c>.</c>
/// or <c>..</c>, none starting with <c>-</c> or <c>.</c>. So a path can never leave the directory, never reads as a
/// command-line flag when a compiler is given it (<c>-fplugin=x.so</c>), never holds a NUL, a space or a quote, and never
/// names a hidden file that a toolchain keeps for itself (<c>.gocache</c>).
/// </summary>
public static partial class WorkPath
{
    public const int MaxLength = 200;
    public const int MaxSegments = 8;

    /// <summary>Why <paramref name="path"/> is not a valid working-directory path, or null when it is.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "required: a relative path such as include/util.h";
        }

        if (path.Length > MaxLength)
        {
            return $"at most {MaxLength} characters";
        }

        if (path.StartsWith('/'))
        {
            return "must be relative to the working directory, not absolute";
        }

        var segments = path.Split('/');
        if (segments.Length > MaxSegments)
        {
            return $"at most {MaxSegments} directory levels";
        }

        foreach (var segment in segments)
        {
            if (segment is ".." or ".")
            {
                return "may not hold '.' or '..' segments";
            }

            if (segment.Length == 0)
            {
                return "may not hold empty segments ('//' or a trailing '/')";
            }

            if (!Segment().IsMatch(segment))
            {
                return $"segment '{Printable(segment)}': letters, digits, '_', '.', '+' and '-' only, not starting with '.' or '-'";
            }
        }

        return null;
    }

    /// <summary>
    /// Two paths that cannot both exist: the same path, or one a directory on the way to the other (<c>a</c> and <c>a/b</c>).
    /// </summary>
    public static bool Collide(string a, string b) =>
        a == b || b.StartsWith(a + "/", StringComparison.Ordinal) || a.StartsWith(b + "/", StringComparison.Ordinal);

    private static string Printable(string segment) => Regex.Replace(segment.Length > 40 ? segment[..40] : segment, @"\p{C}", "?");

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.+\-]*$")]
    private static partial Regex Segment();
}
