using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;

namespace Verifier.Sandbox.Execution;

/// <summary>A raw run's "checker": there is no expected output, so whatever the program printed stands.</summary>
internal sealed class AnyOutput : IOutputChecker
{
    public static AnyOutput Instance { get; } = new();

    public IoComparison Compare(string expected, string actual) => IoComparison.Match;
}
