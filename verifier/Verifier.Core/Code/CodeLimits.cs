namespace Verifier.Core.Code;

/// <summary>Per-test limits; null fields take the sandbox's defaults.</summary>
/// <param name="TimeMs">CPU time per test (per call for <c>function</c>, for the whole check for <c>assert</c>). Wall time is a multiple of it.</param>
/// <param name="MemoryMb">Peak resident memory of the program.</param>
/// <param name="OutputKb">The stdout (and stderr) cap per test, up to the operator's <c>OutputLimitKb</c> (which is also the default).</param>
/// <param name="StackMb">The program's stack limit, up to its memory limit (which is also the default).</param>
public sealed record CodeLimits(int? TimeMs = null, int? MemoryMb = null, int? OutputKb = null, int? StackMb = null);
