using System.Text;
using Verifier.Sandbox.Harness;

namespace Verifier.Sandbox.Languages.Scripts;

/// <summary>
/// Lua 5.4. Assert programs get the verifier's own <c>luaunit</c> (MultiPL-E's tests end with
/// <c>os.exit(lu.LuaUnit.run())</c>, so nothing after them runs): its <c>run</c> echoes the nonce when every test
/// passed and it was called from the test code itself, the program's main chunk at or after the tests' first line.
/// </summary>
public sealed class LuaLanguage : ScriptLanguage
{
    public override string Name => "lua";

    public override string Version => "Lua 5.4";

    public override IReadOnlyList<string> FenceTags { get; } = ["lua"];

    protected override string SourceFile => "main.lua";

    protected override IReadOnlyList<string> SyntaxCheck { get; } =
        ["lua5.4", "-e", "local f, e = loadfile('main.lua') if not f then io.stderr:write(e, '\\n') os.exit(1) end"];

    protected override IReadOnlyList<string> Run { get; } = ["lua5.4", "main.lua"];

    protected override IEnumerable<KeyValuePair<string, byte[]>> SupportFiles(bool library) =>
        library ? [KeyValuePair.Create("luaunit.lua", Encoding.UTF8.GetBytes(HarnessScripts.LuaUnit))] : [];

    protected override AssertFrame Frame(string secret, int testsFirstLine) => new(
        $"local {secret} = require('luaunit')._verifier_arm({testsFirstLine}); os.remove(arg[0])",
        $"{secret}()");
}
