using System.Diagnostics;
using Verifier.Core.Code;

namespace Verifier.Sandbox.Benchmarks;

/// <summary>
/// The physical limit: the same programs as plain host processes (no container, no supervisor), compiled once per
/// submission with the same flags, each test a fresh process, outputs compared with the same comparer.
/// </summary>
internal sealed class BareProcessRunner
{
    /// <summary>Debian's interpreter, the one the sandbox image has (not a version-manager shim that may shadow it on PATH).</summary>
    internal static readonly string Python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private readonly IoOutputComparer _comparer = new();
    private readonly string _root = Directory.CreateTempSubdirectory("bare-bench-").FullName;
    private int _next;

    public async Task<bool> RunAsync(string language, (string Stdin, string Stdout)[] cases, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(_root, Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        try
        {
            string[] run;
            if (language == "python")
            {
                await File.WriteAllTextAsync(Path.Combine(dir, "main.py"), Programs.Python, cancellationToken);
                run = [Python, "main.py"];
            }
            else
            {
                await File.WriteAllTextAsync(Path.Combine(dir, "main.cpp"), Programs.Cpp, cancellationToken);
                var (code, _) = await RunProcessAsync(["g++", "-std=gnu++17", "-O2", "-pipe", "-o", "main", "main.cpp"], dir, "", cancellationToken);
                if (code != 0)
                {
                    return false;
                }

                run = [Path.Combine(dir, "main")];
            }

            foreach (var (stdin, stdout) in cases)
            {
                var (code, output) = await RunProcessAsync(run, dir, stdin, cancellationToken);
                if (code != 0 || !_comparer.Compare(stdout, output).Equal)
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    internal static async Task<(int ExitCode, string Stdout)> RunProcessAsync(string[] argv, string dir, string stdin, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(argv[0])
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {argv[0]}");
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await errors;
        return (process.ExitCode, await output);
    }
}
