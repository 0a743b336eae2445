namespace Verifier.Sandbox.Languages.Scripts;

/// <summary>
/// Perl 5.36. The prologue is a BEGIN block, so it takes the nonce before any BEGIN block or <c>use</c> of the
/// submission runs (<c>perl -c</c> runs those too, so the syntax check also happens inside the sandbox).
/// </summary>
public sealed class PerlLanguage : ScriptLanguage
{
    public override string Name => "perl";

    public override string Version => "Perl 5.36";

    public override IReadOnlyList<string> FenceTags { get; } = ["perl", "pl"];

    protected override string SourceFile => "main.pl";

    protected override IReadOnlyList<string> SyntaxCheck { get; } = ["perl", "-c", "main.pl"];

    protected override IReadOnlyList<string> Run { get; } = ["perl", "main.pl"];

    protected override AssertFrame Frame(string secret, int testsFirstLine) => new(
        $"my ${secret}; BEGIN {{ if (open(my $f, '<&=', 3)) {{ local $/; ${secret} = <$f>; close $f; }} unlink __FILE__; }}",
        $"{{ if (open(my $o, '>&=', 4)) {{ print $o ${secret}; close $o; }} }}");
}
