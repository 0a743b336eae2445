using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Verifier.Contracts;
using Verifier.Sandbox;

namespace Verifier.Service.Limits;

/// <summary>
/// The checks on a custom checker (<c>tests.checker</c> with <c>type: "custom"</c>), each error at its JSON path. Its
/// source and files together are bounded as a submission's source is (<c>Sandbox:MaxCodeKb</c>), and its limits by
/// the sandbox's own bounds, so the service and the sandbox can never disagree.
/// </summary>
internal static partial class CustomCheckerValidation
{
    /// <summary>The files each check writes; a caller's file of the same name would be replaced on every check.</summary>
    private static readonly string[] Reserved = ["input.txt", "output.txt", "answer.txt"];

    [GeneratedRegex(@"^[A-Za-z0-9_+][A-Za-z0-9_.+-]{0,127}$")]
    private static partial Regex FlatName();

    /// <param name="at">The checker's path (<c>items[i].code.tests.checker</c>).</param>
    /// <param name="languages">The languages that run programs (io tests).</param>
    public static void Validate(CheckerSpec checker, string at, IEnumerable<string> languages, SandboxOptions sandbox, ValidationErrors errors)
    {
        if (checker.Language is null || !languages.Contains(checker.Language))
        {
            errors.Add($"{at}.language", $"a language that runs programs, one of {string.Join(", ", languages)}; got '{checker.Language}'");
        }

        long bytes = 0;
        if (string.IsNullOrWhiteSpace(checker.Code))
        {
            errors.Add($"{at}.code", "required: the checker's source");
        }
        else
        {
            bytes += Encoding.UTF8.GetByteCount(checker.Code);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (checker.Files?.Count ?? 0); i++)
        {
            var file = checker.Files![i];
            var path = $"{at}.files[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (file?.Path is not { } name || !FlatName().IsMatch(name) || Reserved.Contains(name))
            {
                errors.Add($"{path}.path", $"a flat file name (letters, digits, _ . + -, not starting with . or -), not {string.Join(", ", Reserved)}");
            }
            else if (!names.Add(name))
            {
                errors.Add($"{path}.path", $"'{name}' is named twice");
            }

            bytes += ContentBytes(file, path, errors);
        }

        if (bytes > sandbox.MaxCodeKb * 1024L)
        {
            errors.AddTooLarge($"{at}.code", $"the checker's source and files together are at most {sandbox.MaxCodeKb} KB");
        }

        RequestValidator.ValidateLimits(checker.Limits, sandbox, $"{at}.limits", errors);
    }

    /// <summary>The wire files as the sandbox takes them: name to bytes. Only for a validated checker.</summary>
    public static Dictionary<string, byte[]> Decode(IReadOnlyList<CodeFileSpec>? files) =>
        (files ?? []).ToDictionary(f => f.Path!, f => FilesValidation.Decode(f)!, StringComparer.Ordinal);

    private static long ContentBytes(CodeFileSpec? file, string path, ValidationErrors errors)
    {
        if (file?.Encoding is not (null or FileEncodings.Text or FileEncodings.Base64))
        {
            errors.Add($"{path}.encoding", $"text or base64, got '{file?.Encoding}'");
            return 0;
        }

        if (file?.Content is null)
        {
            errors.Add($"{path}.content", "required");
            return 0;
        }

        if (FilesValidation.Decode(file) is { } content)
        {
            return content.Length;
        }

        errors.Add($"{path}.content", "not base64");
        return 0;
    }
}
