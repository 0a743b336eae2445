namespace Verifier.Core.Code.Files;

/// <summary>
/// What a request may choose of its compilation, as values the language turns into flags itself, never as flags: a
/// request cannot name a flag of its own (<c>-fplugin=</c>, <c>-B</c>, <c>@file</c>).
/// </summary>
/// <param name="Standard">The language standard, from the language's allow-list (C++: <c>c++17</c>, <c>gnu++20</c>, ...).</param>
/// <param name="Optimize">The optimisation level, from the language's allow-list (C++: <c>O0</c> .. <c>O3</c>, <c>Os</c>).</param>
/// <param name="Defines">Preprocessor macros as <c>NAME</c> or <c>NAME=value</c>, checked by <see cref="CompileOptionRules"/>.</param>
public sealed record CompileOptions(string? Standard = null, string? Optimize = null, IReadOnlyList<string>? Defines = null);
