using System.Text.Json;
using Verifier.Contracts;

namespace Verifier.Sdk.Datasets;

/// <summary>
/// Turns one row of a public code dataset into the tests the service runs. The tests come from the row only: a
/// model's completion never enters them, so a completion cannot write its own tests.
/// </summary>
public interface IDatasetAdapter
{
    /// <summary>The dataset's name in <see cref="DatasetAdapters"/>, e.g. <c>apps</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The row's code spec. Throws <see cref="DatasetRowException"/> naming the field when the row cannot be expressed,
    /// and for a row with no tests at all (a spec with nothing to run would pass every completion).
    /// </summary>
    CodeSpec ToCodeSpec(JsonElement row);
}
