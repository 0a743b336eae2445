namespace Verifier.Sandbox.Languages.Scripts;

/// <summary>
/// Ruby 3.1. test/unit runs its cases from an exit hook, after the test code's last line: the epilogue runs them
/// itself and echoes the nonce only if they passed, then leaves with <c>exit!</c>, so no later exit hook (the
/// submission's included) can change the outcome.
/// </summary>
public sealed class RubyLanguage : ScriptLanguage
{
    public override string Name => "ruby";

    public override string Version => "Ruby 3.1";

    public override IReadOnlyList<string> FenceTags { get; } = ["ruby", "rb"];

    protected override string SourceFile => "main.rb";

    protected override IReadOnlyList<string> SyntaxCheck { get; } = ["ruby", "-c", "main.rb"];

    protected override IReadOnlyList<string> Run { get; } = ["ruby", "main.rb"];

    protected override AssertFrame Frame(string secret, int testsFirstLine) => new(
        $"{secret} = (IO.for_fd(3, autoclose: true).read rescue nil); (File.unlink(__FILE__) rescue nil)",
        $$"""
        {{secret}}_ok = defined?(Test::Unit::AutoRunner) ? Test::Unit::AutoRunner.run : true
        $stdout.flush; $stderr.flush
        if {{secret}}_ok then (IO.for_fd(4, autoclose: true).tap { |o| o.write({{secret}}); o.close } rescue nil) end
        exit!({{secret}}_ok ? 0 : 1)
        """);
}
