namespace Verifier.Scripting;

/// <summary>What a reward script sees. A script reads these and returns a number, e.g. <c>Completion.Length &lt; 4000 ? 0 : -1</c>.</summary>
public sealed class RewardScriptGlobals
{
    public required string Completion { get; init; }

    /// <summary>The item's gold answer, for math items; null otherwise.</summary>
    public string? Gold { get; init; }

    /// <summary>The item's <c>metadata</c> object, as strings.</summary>
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    /// <summary>Inserted into every loop and method body by the compiler; not meant for scripts.</summary>
#pragma warning disable CA1707 // The leading underscores keep the name out of the way of script authors.
    public required ScriptBudget __Budget { get; init; }
#pragma warning restore CA1707
}
