namespace Verifier.Sandbox.Engine;

/// <summary>
/// A container's memory limit could not be lowered: what it already holds (files on its tmpfs, a process's pages) is
/// above the new limit. The submission's doing, not the engine's failing.
/// </summary>
internal sealed class MemoryInUseException(string message, Exception inner) : InvalidOperationException(message, inner)
{
    /// <summary>
    /// Whether the engine's or runtime's error says so. runc: "unable to set memory limit to N (current usage: M, ...)";
    /// crun and the kernel: EBUSY ("Device or resource busy").
    /// </summary>
    public static bool Says(string message) =>
        message.Contains("current usage", StringComparison.OrdinalIgnoreCase) || message.Contains("busy", StringComparison.OrdinalIgnoreCase);
}
