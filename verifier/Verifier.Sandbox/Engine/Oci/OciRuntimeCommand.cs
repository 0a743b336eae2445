using System.Diagnostics;

namespace Verifier.Sandbox.Engine.Oci;

/// <summary>
/// One call of the OCI runtime's command line (crun and runc take the same verbs), with the state folder the sandbox
/// keeps for it, so that its containers are never mixed with an engine's.
/// </summary>
internal sealed class OciRuntimeCommand(string binary, string stateFolder)
{
    public string Binary { get; } = binary;

    /// <summary>The arguments every call starts with: the runtime's state folder.</summary>
    public IEnumerable<string> Global => ["--root", stateFolder];

    /// <summary>Whether the runtime still holds the container (crun and runc both keep a folder per container id).</summary>
    public bool Has(string id) => Directory.Exists(Path.Combine(stateFolder, id));

    /// <summary>Runs a verb that ends by itself (delete, update, state); its error text is in the exception.</summary>
    public async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var verb = arguments.ToList();
        foreach (var argument in Global.Concat(verb))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException($"{Binary} did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var text = await output.ConfigureAwait(false);
        var errors = await error.ConfigureAwait(false);
        return process.ExitCode == 0
            ? text
            : throw new OciRuntimeException(Binary, verb, process.ExitCode, errors.Trim());
    }
}

/// <summary>The runtime refused a call; its own words are in the message.</summary>
internal sealed class OciRuntimeException(string binary, IEnumerable<string> arguments, int exitCode, string errors)
    : InvalidOperationException($"{Path.GetFileName(binary)} {string.Join(' ', arguments)} exited with {exitCode}: {errors}")
{
    public string Errors { get; } = errors;

    /// <summary>The runtime says the container does not exist (crun and runc word it differently).</summary>
    public bool NotFound => Errors.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
        || Errors.Contains("not found", StringComparison.OrdinalIgnoreCase)
        || Errors.Contains("No such file", StringComparison.OrdinalIgnoreCase);
}
