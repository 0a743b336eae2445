using System.Globalization;

namespace Verifier.Core.Code.Checkers;

/// <summary>
/// What a custom checker's exit says about one test. A null <see cref="Verdict"/> is the checker's own failure: the
/// test's verdict is unknown, never the candidate's fault.
/// </summary>
/// <param name="Score">Under exit 7 (points), the test's score from 0 to 1; else null.</param>
public sealed record CheckerExit(CodeVerdictKind? Verdict, string Reason, double? Score = null)
{
    private const int ReasonChars = 300;

    /// <summary>Reads a checker that exited by itself with <paramref name="exitCode"/> (testlib's codes).</summary>
    /// <param name="stdout">What it printed (where points checkers put the score).</param>
    /// <param name="stderr">Where testlib checkers put their message.</param>
    public static CheckerExit FromExitCode(int exitCode, string stdout, string stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var message = Message(stderr) ?? Message(stdout);
        return exitCode switch
        {
            0 => new(CodeVerdictKind.Accepted, With("ok", message)),
            1 => new(CodeVerdictKind.WrongAnswer, With("wrong answer", message)),
            2 => new(CodeVerdictKind.WrongAnswer, With("presentation error", message)),
            4 => new(CodeVerdictKind.WrongAnswer, With("dirt", message)),
            8 => new(CodeVerdictKind.WrongAnswer, With("unexpected end of file", message)),
            7 => Points(stdout, stderr, message),
            3 => new(null, With("the checker reported its own failure (exit code 3)", message)),
            _ => new(null, With($"the checker exited with code {exitCode.ToString(CultureInfo.InvariantCulture)}", message)),
        };
    }

    // The score is the first token that reads as a number, in stdout, else in stderr; anything outside [0, 1] (NaN
    // included) is the checker's failure, not a score to clamp: a checker that says 1.5 is broken, and guessing would
    // hand the candidate a reward nobody computed.
    private static CheckerExit Points(string stdout, string stderr, string? message)
    {
        var score = FirstNumber(stdout) ?? FirstNumber(stderr);
        if (score is not { } value)
        {
            return new(null, With("the checker exited with points (7) but printed no score", message));
        }

        if (!(value is >= 0 and <= 1))
        {
            return new(null, With($"the checker's score {value.ToString(CultureInfo.InvariantCulture)} is not from 0 to 1", message));
        }

        return value == 1
            ? new(CodeVerdictKind.Accepted, With("points 1", message), 1)
            : new(CodeVerdictKind.WrongAnswer, With($"points {value.ToString(CultureInfo.InvariantCulture)}", message), value);
    }

    private static double? FirstNumber(string text)
    {
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private static string? Message(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        var line = trimmed.Split('\n')[0].Trim();
        return line.Length <= ReasonChars ? line : line[..ReasonChars] + "...";
    }

    private static string With(string what, string? message) => message is null ? $"checker: {what}" : $"checker: {what}: {message}";
}
