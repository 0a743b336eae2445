namespace Verifier.Core.Code.Checkers;

/// <summary>
/// A checker program of the caller's own (testlib's convention: <c>checker input output answer</c>, the verdict in its
/// exit code), run in a sandbox of its own, never in the candidate's. <see cref="CheckerExit"/> reads its exit.
/// </summary>
/// <param name="Language">A sandbox language name.</param>
/// <param name="Code">The checker's source.</param>
public sealed record CustomChecker(string Language, string Code)
{
    /// <summary>The files the checker reads: the test's stdin, the candidate's stdout, the expected stdout.</summary>
    public static IReadOnlyList<string> ArgumentFiles { get; } = ["input.txt", "output.txt", "answer.txt"];

    /// <summary>Extra files beside the checker's source (a <c>testlib.h</c>), by flat name.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>The checker's own limits per check; null fields take the sandbox's defaults.</summary>
    public CodeLimits? Limits { get; init; }
}
