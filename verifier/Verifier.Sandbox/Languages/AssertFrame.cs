using System.Security.Cryptography;
using System.Text;

namespace Verifier.Sandbox.Languages;

/// <summary>
/// An assert program in MultiPL-E's layout, where the submission and the test code share one process: a one-line
/// prologue, the submission, the test code, then an epilogue. The prologue takes the nonce that the supervisor hands
/// over on fd 3 before any code of the submission runs, and the epilogue echoes it on fd 4; the verifier accepts only
/// that echo with exit status 0. So a pass means the test code reached its end: an early <c>exit(0)</c>, an exit hook,
/// or a printed "ok" leaves no echo.
/// </summary>
/// <remarks>
/// The nonce lives in a variable whose name is fresh per submission, and the prologue deletes the program file once the
/// interpreter has read it, so no fixed name or file read finds it. A submission that shares the process can still
/// search its own memory or interpreter state, and can patch what the test code calls; <c>io</c> and <c>function</c>
/// tests, judged outside the process, are the kinds to use against a hostile policy (see the sandbox README).
/// </remarks>
public sealed record AssertFrame(string Prologue, string Epilogue)
{
    /// <summary>An identifier no submission can know in advance: a letter-led name with 64 random bits.</summary>
    public static string SecretName() => "__vfy_" + RandomNumberGenerator.GetHexString(16, lowercase: true);

    /// <summary>The whole program; the prologue must be one line, so the submission's line numbers move by one.</summary>
    public string Assemble(string submission, string tests) =>
        new StringBuilder(Prologue.Length + submission.Length + tests.Length + Epilogue.Length + 8)
            .Append(Prologue).Append('\n')
            .Append(submission).Append('\n')
            .Append(tests).Append('\n')
            .Append(Epilogue).Append('\n')
            .ToString();

    /// <summary>The line on which the test code starts in <see cref="Assemble"/>'s program (1-based).</summary>
    public static int TestsFirstLine(string submission) => 2 + LineCount(submission);

    private static int LineCount(string text) => text.Count(c => c == '\n') + 1;
}
