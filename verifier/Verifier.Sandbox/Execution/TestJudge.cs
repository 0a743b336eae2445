using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;

namespace Verifier.Sandbox.Execution;

/// <summary>
/// Judges one test from the supervisor's raw facts, outside the sandbox: limits first, then the comparison of the
/// output (io), the returned JSON (function), the judge's outcome (Python assert), or the harness's nonce echo (C++ assert).
/// </summary>
internal sealed class TestJudge(IOutputChecker io, JsonValueComparer json, int excerptChars = 200)
{
    private const int SigAbrt = 6;

    private static readonly JsonDocumentOptions AnswerJson = new() { MaxDepth = 256 };

    public CodeTestResult Io(int index, SupervisorReply reply, string expected, RunLimits limits)
    {
        var stdout = Encoding.UTF8.GetString(Convert.FromBase64String(reply.Stdout ?? ""));
        if (RunClassifier.Classify(reply.ToProgramRun(), limits) is { } failure)
        {
            var reason = failure.Verdict == CodeVerdictKind.RuntimeError && LastLine(reply.Stderr) is { } last ? $"{failure.Reason}: {last}" : failure.Reason;
            return Result(index, reply, failure.Verdict, reason, stdout);
        }

        var comparison = io.Compare(expected, stdout);
        return comparison.Equal
            ? Result(index, reply, CodeVerdictKind.Accepted, null, stdout)
            : Result(index, reply, CodeVerdictKind.WrongAnswer, comparison.Reason, stdout);
    }

    public CodeTestResult Function(int index, SupervisorReply reply, JsonElement expected, RunLimits limits)
    {
        var limit = LimitFailure(reply, limits);
        if (limit is not null)
        {
            return Result(index, reply, limit.Value.Verdict, limit.Value.Reason, null);
        }

        if (reply.Exited || reply.Response is null)
        {
            return Result(index, reply, CodeVerdictKind.RuntimeError, Ended(reply, "before returning"), null);
        }

        CallAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize<CallAnswer>(reply.Response, CallAnswerJson);
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (answer is null)
        {
            return Result(index, reply, CodeVerdictKind.RuntimeError, "the function server's answer is not JSON", null);
        }

        if (!answer.Ok)
        {
            return answer.Kind == "untransferable"
                ? Result(index, reply, CodeVerdictKind.WrongAnswer, $"the return value is not plain JSON data: {answer.Message}", null)
                : Result(index, reply, CodeVerdictKind.RuntimeError, $"{answer.Type}: {answer.Message}", null);
        }

        var text = answer.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() ?? "" : "";
        try
        {
            using var actual = JsonDocument.Parse(text, AnswerJson);
            var difference = json.Difference(expected, actual.RootElement);
            return difference is null
                ? Result(index, reply, CodeVerdictKind.Accepted, null, text)
                : Result(index, reply, CodeVerdictKind.WrongAnswer, difference, text);
        }
        catch (JsonException)
        {
            return Result(index, reply, CodeVerdictKind.WrongAnswer, "the return value is not JSON", text);
        }
    }

    public CodeTestResult PythonAssert(SupervisorReply reply, RunLimits limits)
    {
        if (reply.Judge?.Outcome == "test_error")
        {
            // Decided from the caller's test code alone, or from the checks run again with no candidate (the
            // supervisor's Job.checks_alone), even where the run hit a limit before their first call: unknown, not a 0.
            return Result(0, reply, CodeVerdictKind.InfraError, reply.Judge.Message, null);
        }

        var limit = LimitFailure(reply, limits);
        if (limit is not null)
        {
            return Result(0, reply, limit.Value.Verdict, limit.Value.Reason, null);
        }

        var judge = reply.Judge;
        return judge?.Outcome switch
        {
            "passed" => Result(0, reply, CodeVerdictKind.Accepted, null, null),
            "assertion" => Result(0, reply, CodeVerdictKind.WrongAnswer, judge.Message, null),
            "untransferable" => Result(0, reply, CodeVerdictKind.WrongAnswer, judge.Message, null),
            "check_error" => Result(0, reply, CodeVerdictKind.WrongAnswer, judge.Message, null),
            "candidate_error" => Result(0, reply, CodeVerdictKind.RuntimeError, judge.Message, null),
            "candidate_exit" => Result(0, reply, CodeVerdictKind.RuntimeError, Ended(reply, "before the checks finished"), null),
            // No outcome: the judge was killed, and only the submission (same uid) could have done it.
            _ => Result(0, reply, CodeVerdictKind.RuntimeError, "the checks did not complete: the test process was killed", null),
        };
    }

    /// <summary>128 random bits as 32 lowercase hex digits: text, so that a shell's <c>read</c> or a script's string holds it whole.</summary>
    public static byte[] NewNonce() => Encoding.ASCII.GetBytes(RandomNumberGenerator.GetHexString(32, lowercase: true));

    public CodeTestResult MarkerAssert(SupervisorReply reply, byte[] nonce, RunLimits limits)
    {
        var echoed = Convert.FromBase64String(reply.Marker ?? "");
        var run = reply.ToProgramRun();
        var failure = RunClassifier.Classify(run, limits);
        if (failure is null && CryptographicOperations.FixedTimeEquals(echoed, nonce))
        {
            return Result(0, reply, CodeVerdictKind.Accepted, null, null);
        }

        if (failure is { Verdict: not CodeVerdictKind.RuntimeError } limit)
        {
            return Result(0, reply, limit.Verdict, limit.Reason, null);
        }

        // The tests' own report: runtimes put the failed assertion on stderr (C#'s "Assertion failed" and its line, Rust's
        // left and right), test runners on stdout (go test, luaunit), so stdout's tail stands in when stderr is empty.
        var stderr = Report(reply.Stderr, fromEnd: false)
            ?? Report(Encoding.UTF8.GetString(Convert.FromBase64String(reply.Stdout ?? "")), fromEnd: true);
        return run switch
        {
            { Signal: SigAbrt } => Result(0, reply, CodeVerdictKind.WrongAnswer, $"a check failed{(stderr is null ? " (SIGABRT)" : ": " + stderr)}", null),
            { Signal: { } signal } => Result(0, reply, CodeVerdictKind.RuntimeError, $"killed by {SignalNames.Name(signal)}", null),
            { ExitCode: 0 } => Result(0, reply, CodeVerdictKind.RuntimeError, "the program exited with code 0 before the tests' main returned", null),
            { ExitCode: { } code } => Result(0, reply, CodeVerdictKind.WrongAnswer, $"the tests failed (exit code {code.ToString(CultureInfo.InvariantCulture)}){(stderr is null ? "" : ": " + stderr)}", null),
            _ => Result(0, reply, CodeVerdictKind.RuntimeError, "the program did not finish", null),
        };
    }

    private static readonly JsonSerializerOptions CallAnswerJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, MaxDepth = 16 };

    /// <summary>Limits that the run hit (exit status aside: a server that ends is judged by the caller).</summary>
    private static RunFailure? LimitFailure(SupervisorReply reply, RunLimits limits)
    {
        var run = reply.ToProgramRun() with { ExitCode = 0, Signal = reply.Signal is 24 ? 24 : null };
        return RunClassifier.Classify(run, limits);
    }

    private static string Ended(SupervisorReply reply, string when) => reply switch
    {
        { Signal: { } signal } => $"the program was killed by {SignalNames.Name(signal)} {when}",
        { ExitCode: { } code } => $"the program exited with code {code.ToString(CultureInfo.InvariantCulture)} {when}",
        _ => $"the program stopped answering {when}",
    };

    /// <summary>The last line of stderr: where a traceback or a runtime names the error.</summary>
    private static string? LastLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = text.TrimEnd().Split('\n')[^1].Trim();
        return line.Length <= 300 ? line : line[..300] + "...";
    }

    /// <summary>A few lines of a failed assert program's output (the first of stderr, the last of stdout), each cut short.</summary>
    private static string? Report(string? text, bool fromEnd)
    {
        const int Lines = 6, LineChars = 240;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var lines = text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0).ToList();
        var kept = fromEnd ? lines.TakeLast(Lines) : lines.Take(Lines);
        var report = string.Join("\n", kept.Select(l => l.Length <= LineChars ? l : l[..LineChars] + "..."));
        return lines.Count > Lines ? (fromEnd ? "...\n" + report : report + "\n...") : report;
    }

    private CodeTestResult Result(int index, SupervisorReply reply, CodeVerdictKind verdict, string? reason, string? output) => new()
    {
        Index = index,
        Verdict = verdict,
        Reason = reason,
        CpuMs = Math.Round(reply.CpuMs, 3),
        WallMs = Math.Round(reply.WallMs, 3),
        MemoryKb = reply.MaxRssKb,
        ExitCode = reply.ExitCode,
        Signal = reply.Signal is { } s ? SignalNames.Name(s) : null,
        Output = Excerpt(output),
        Stderr = Tail(reply.Stderr),
    };

    private string? Tail(string? text) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= excerptChars ? text : "..." + text[^excerptChars..];

    private string? Excerpt(string? text) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= excerptChars ? text : text[..excerptChars] + "...";
}
