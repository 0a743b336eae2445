namespace Verifier.Core.Code;

/// <summary>Per-test limits; null fields take the sandbox's defaults.</summary>
/// <param name="TimeMs">CPU time per test (per call for <c>function</c>, for the whole check for <c>assert</c>). Wall time is a multiple of it.</param>
/// <param name="MemoryMb">Peak resident memory of the program.</param>
public sealed record CodeLimits(int? TimeMs = null, int? MemoryMb = null);
