using Verifier.Core.Code;

namespace Verifier.Sandbox.Languages;

/// <summary>
/// A submission language. Adding one is a class implementing this interface, registered with
/// <c>services.AddSingleton&lt;ISandboxLanguage, MyLanguage&gt;()</c>, plus an image with <c>python3</c> (the supervisor)
/// and the toolchain; the image can be overridden in <c>Sandbox:Languages:&lt;name&gt;:Image</c>.
/// </summary>
public interface ISandboxLanguage
{
    private static readonly IReadOnlySet<string> NoReservedPaths = new HashSet<string>();

    /// <summary>The name requests use: <c>python</c>, <c>cpp</c>.</summary>
    string Name { get; }

    /// <summary>The toolchain, for <c>GET /v1/languages</c>.</summary>
    string Version { get; }

    string DefaultImage { get; }

    /// <summary>The info strings of fenced code blocks that hold this language (case-insensitive), preferred first.</summary>
    IReadOnlyList<string> FenceTags { get; }

    IReadOnlySet<CodeTestKind> TestKinds { get; }

    /// <summary>
    /// Whether the language keeps <see cref="SandboxOptions.WarmContainers"/> started before its first submission; when
    /// false its containers start on first use (then are reused as any), unless <c>Sandbox:Languages:&lt;name&gt;:WarmContainers</c>
    /// asks otherwise, so thirteen languages do not hold two idle containers each by default.
    /// </summary>
    bool WarmByDefault => true;

    /// <summary>Memory the in-sandbox compile step needs; 0 when nothing compiles in the sandbox.</summary>
    int CompileMemoryMb { get; }

    /// <summary>Readies what the first submission would otherwise wait for (a compiler in the verifier); called once at start.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The paths a request's extra files may not take (nor put under, nor put a directory at): the files this language
    /// writes or builds in the working directory, whatever the test kind (<c>main.py</c>, <c>server.py</c>, <c>main</c>).
    /// A file the language names after the submission's code (Java's public class) is caught after preparing instead.
    /// </summary>
    IReadOnlySet<string> ReservedPaths => NoReservedPaths;

    /// <summary>Turns code and tests into files and commands. Must not put expected outputs into the program.</summary>
    ValueTask<PrepareResult> PrepareAsync(PrepareContext context, CancellationToken cancellationToken);
}
