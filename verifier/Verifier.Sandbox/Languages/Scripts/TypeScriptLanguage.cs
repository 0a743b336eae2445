using System.Text;
using System.Text.Json;

namespace Verifier.Sandbox.Languages.Scripts;

/// <summary>
/// TypeScript 4.8, compiled by tsc in the sandbox to a CommonJS script that Node.js 18 runs. A type error is a compile
/// error (nothing is emitted on one). <c>io</c> programs see Node's types; assert and function submissions do not by
/// default, as MultiPL-E's tests declare what they use themselves (<c>declare var require: any</c>, which Node's types
/// would contradict), so they get ES's library and a console; a submission may still ask for Node's types with
/// <c>/// &lt;reference types="node" /&gt;</c>.
/// </summary>
public sealed class TypeScriptLanguage : ScriptLanguage
{
    /// <summary>Where the image keeps @types/node (see docker/build-images.sh).</summary>
    internal const string TypeRoots = "/usr/share/nodejs/@types";

    private static readonly byte[] ProgramConfig = Config(withNodeTypes: true);
    private static readonly byte[] LibraryConfig = Config(withNodeTypes: false);

    public override string Name => "typescript";

    public override string Version => "TypeScript 4.8, Node.js 18";

    public override IReadOnlyList<string> FenceTags { get; } = ["typescript", "ts"];

    /// <summary>tsc loads the standard library's declarations and Node's: a few hundred MB.</summary>
    public override int CompileMemoryMb => 1024;

    protected override string SourceFile => "main.ts";

    protected override IEnumerable<string> BuildOutputs => ["main.js"];

    protected override IReadOnlyList<string> SyntaxCheck { get; } = ["tsc", "-p", "tsconfig.json"];

    protected override IReadOnlyList<string> Run => JavaScriptLanguage.NodeRun;

    /// <summary>
    /// The console, which ES's library lacks (Node's types or the DOM's bring it): declared as Node's types declare it,
    /// so a submission that references those too still compiles. Nothing else: a global such as <c>require</c> or
    /// <c>process</c> declared here would clash with the test code's own <c>declare var</c>.
    /// </summary>
    private static readonly byte[] ConsoleDeclaration = Encoding.UTF8.GetBytes(
        "interface Console {\n  log(...data: any[]): void;\n  error(...data: any[]): void;\n  warn(...data: any[]): void;\n" +
        "  info(...data: any[]): void;\n  debug(...data: any[]): void;\n}\ndeclare var console: Console;\n");

    protected override IEnumerable<KeyValuePair<string, byte[]>> SupportFiles(bool library) => library
        ? [KeyValuePair.Create("tsconfig.json", LibraryConfig), KeyValuePair.Create("verifier_console.d.ts", ConsoleDeclaration)]
        : [KeyValuePair.Create("tsconfig.json", ProgramConfig)];

    protected override (string File, string Source, IReadOnlyList<string> Run)? FunctionServer => JavaScriptLanguage.NodeServer;

    protected override AssertFrame Frame(string secret, int testsFirstLine) =>
        JavaScriptLanguage.NodeFrame(secret, "eval(\"require\")", "main.js", "main.ts");

    private static byte[] Config(bool withNodeTypes) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        compilerOptions = new
        {
            target = "es2021",
            module = "commonjs",
            lib = new[] { "es2021" },
            types = withNodeTypes ? new[] { "node" } : [],
            typeRoots = new[] { TypeRoots },
            outDir = ".",
            noEmitOnError = true,
            skipLibCheck = true,
            pretty = false,
            newLine = "lf",
        },
        files = withNodeTypes ? new[] { "main.ts" } : ["main.ts", "verifier_console.d.ts"],
    }));
}
