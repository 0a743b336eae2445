using System.Diagnostics;

namespace Verifier.Sandbox.Tests.Infrastructure;

/// <summary>A program run on the test host to its end, with what it printed.</summary>
internal static class HostProcess
{
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
