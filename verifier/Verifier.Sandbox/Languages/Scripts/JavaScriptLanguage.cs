using Verifier.Sandbox.Harness;

namespace Verifier.Sandbox.Languages.Scripts;

/// <summary>JavaScript on Node.js 18, as a CommonJS script (<c>require</c> works, sloppy mode unless it asks otherwise).</summary>
public sealed class JavaScriptLanguage : ScriptLanguage
{
    public override string Name => "javascript";

    public override string Version => "Node.js 18";

    public override IReadOnlyList<string> FenceTags { get; } = ["javascript", "js", "node", "nodejs"];

    protected override string SourceFile => "main.js";

    protected override IReadOnlyList<string> SyntaxCheck { get; } = ["node", "--check", "main.js"];

    protected override IReadOnlyList<string> Run { get; } = NodeRun;

    internal static IReadOnlyList<string> NodeRun { get; } = ["node", "main.js"];

    protected override (string File, string Source, IReadOnlyList<string> Run)? FunctionServer => NodeServer;

    /// <summary>The Node function server: loads main.js and answers calls (see node_server.js).</summary>
    internal static (string File, string Source, IReadOnlyList<string> Run) NodeServer { get; } =
        ("verifier_server.js", HarnessScripts.NodeServer, ["node", "verifier_server.js"]);

    protected override AssertFrame Frame(string secret, int testsFirstLine) => NodeFrame(secret, "require", "main.js");

    /// <summary>
    /// The nonce lives in a closure: the only handle on it is a function under a fresh name, and the sources that spell
    /// that name (<paramref name="sources"/>) are deleted once Node has read them. <paramref name="require"/> is how the
    /// frame's language reaches Node's require (TypeScript without Node's types goes through eval).
    /// </summary>
    internal static AssertFrame NodeFrame(string secret, string require, params string[] sources) => new(
        $"const {secret} = (() => {{ const fs = {require}(\"fs\"); let n = null; try {{ n = fs.readFileSync(3); fs.closeSync(3); }} catch (e) {{ }} "
        + string.Concat(sources.Select(file => $"try {{ fs.unlinkSync(\"{file}\"); }} catch (e) {{ }} "))
        + $"return () => {{ if (n !== null) {{ fs.writeSync(4, n); n = null; }} }}; }})();",
        $"{secret}();");
}
