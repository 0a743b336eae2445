namespace Verifier.Core.Code.Checkers;

/// <summary>The ways to hold an io test's stdout against the expected text. Wire names are lower case.</summary>
public enum CheckerKind
{
    /// <summary>Whitespace-separated tokens line by line, numbers under the test set's <see cref="NumberRule"/> (the default).</summary>
    Tokens,

    /// <summary>The very same text, character for character.</summary>
    Exact,

    /// <summary>The same lines, trailing whitespace on each and trailing blank lines ignored.</summary>
    Lines,

    /// <summary>As <see cref="Tokens"/>, with decimals within an absolute or a relative tolerance; integers stay exact.</summary>
    Float,

    /// <summary>The same lines, or the same tokens, in any order, each as often as expected.</summary>
    Unordered,

    /// <summary>A checker program of the caller's own, run in a sandbox of its own (see <see cref="CustomChecker"/>).</summary>
    Custom,
}

/// <summary>What an <see cref="CheckerKind.Unordered"/> checker counts.</summary>
public enum UnorderedItems
{
    Lines,
    Tokens,
}
