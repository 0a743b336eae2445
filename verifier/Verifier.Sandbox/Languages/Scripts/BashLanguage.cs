namespace Verifier.Sandbox.Languages.Scripts;

/// <summary>Bash 5. The assert epilogue runs only if the test code, often under <c>set -e</c>, did not exit first.</summary>
public sealed class BashLanguage : ScriptLanguage
{
    public override string Name => "bash";

    public override string Version => "bash 5.2";

    public override IReadOnlyList<string> FenceTags { get; } = ["bash", "sh", "shell", "zsh"];

    protected override string SourceFile => "main.sh";

    protected override IReadOnlyList<string> SyntaxCheck { get; } = ["bash", "-n", "main.sh"];

    protected override IReadOnlyList<string> Run { get; } = ["bash", "main.sh"];

    protected override AssertFrame Frame(string secret, int testsFirstLine) => new(
        $"IFS= read -r {secret} <&3 || true; exec 3<&-; rm -f -- \"$0\"",
        $"printf '%s' \"${secret}\" >&4; exec 4>&-");
}
