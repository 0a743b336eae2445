namespace Verifier.Core.Code.Files;

/// <summary>A file the caller places in the submission's working directory before it compiles and runs (a header, a data file, another source).</summary>
/// <param name="Path">Relative to the working directory, checked by <see cref="WorkPath"/>; directories on the way are created.</param>
public sealed record CodeFile(string Path, byte[] Content);
