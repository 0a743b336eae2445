namespace Verifier.Sdk.Datasets;

/// <summary>A dataset row that an adapter cannot turn into tests; <see cref="Field"/> names where it went wrong.</summary>
public sealed class DatasetRowException : Exception
{
    public DatasetRowException()
    {
        Field = "";
    }

    public DatasetRowException(string message)
        : base(message)
    {
        Field = "";
    }

    public DatasetRowException(string message, Exception? inner)
        : base(message, inner)
    {
        Field = "";
    }

    public DatasetRowException(string field, string problem, Exception? inner = null)
        : base($"'{field}': {problem}", inner)
    {
        Field = field;
    }

    /// <summary>The row's field, as the dataset names it (<c>input_output</c>, <c>private_test_cases</c>).</summary>
    public string Field { get; }
}
