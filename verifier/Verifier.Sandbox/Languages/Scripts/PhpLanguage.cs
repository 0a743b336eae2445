using System.Collections.Frozen;

namespace Verifier.Sandbox.Languages.Scripts;

/// <summary>
/// PHP 8.2 (CLI). Diagnostics go to stderr, never into the output compared. A submission is PHP code: it is opened
/// in PHP mode if it does not open itself, and a closing <c>?&gt;</c> at its end is dropped so the test code after it is
/// code, not text.
/// </summary>
public sealed class PhpLanguage : ScriptLanguage
{
    private const string Open = "<?php";

    public override string Name => "php";

    public override string Version => "PHP 8.2";

    public override IReadOnlyList<string> FenceTags { get; } = ["php"];

    protected override string SourceFile => "main.php";

    protected override IReadOnlyList<string> SyntaxCheck { get; } = ["php", "-n", "-l", "main.php"];

    protected override IReadOnlyList<string> Run { get; } = ["php", "-d", "display_errors=stderr", "main.php"];

    protected override IReadOnlyDictionary<string, string> ExtraEnvironment { get; } =
        new Dictionary<string, string> { ["HOME"] = "." }.ToFrozenDictionary();

    protected override string Normalize(string code)
    {
        var trimmed = code.TrimEnd();
        if (trimmed.EndsWith("?>", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^2];
        }

        return trimmed.TrimStart().StartsWith("<?", StringComparison.Ordinal) ? trimmed : $"{Open}\n{trimmed}";
    }

    protected override AssertFrame Frame(string secret, int testsFirstLine) => new(
        $"{Open} ${secret} = (function () {{ $n = @file_get_contents('php://fd/3'); @unlink(__FILE__); return $n; }})(); ?>",
        $"${secret}_o = @fopen('php://fd/4', 'w'); if (${secret}_o) {{ fwrite(${secret}_o, (string) ${secret}); fclose(${secret}_o); }}");
}
