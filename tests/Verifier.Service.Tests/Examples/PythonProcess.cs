using System.Diagnostics;

namespace Verifier.Service.Tests.Examples;

/// <summary>Runs Python for the tests of clients/python and examples/python, with pytest available.</summary>
internal static class PythonProcess
{
    /// <summary>
    /// VERIFIER_PYTHON if set, else the first of <c>python3</c> on the PATH and Debian's <c>/usr/bin/python3</c> that can
    /// import pytest (a pyenv <c>python3</c> ahead on the PATH does not see Debian's python3-pytest).
    /// </summary>
    public static async Task<string> InterpreterWithPytestAsync()
    {
        if (Environment.GetEnvironmentVariable("VERIFIER_PYTHON") is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (var candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                if ((await RunAsync(candidate, ["-c", "import pytest"], new Dictionary<string, string>(), TimeSpan.FromSeconds(30))).ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name; try the next.
            }
        }

        throw new InvalidOperationException("no python3 with pytest: run scripts/install-prereqs.sh (python3-pytest), or set VERIFIER_PYTHON");
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(
        string python, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(python, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Verifier.TestSupport.RepoPaths.Root(),
        };
        // No __pycache__ or .pytest_cache left in the checkout by a test run.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }
}
