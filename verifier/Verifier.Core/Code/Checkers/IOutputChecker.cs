namespace Verifier.Core.Code.Checkers;

/// <summary>Decides, outside the sandbox, whether a program's stdout answers one io test.</summary>
public interface IOutputChecker
{
    IoComparison Compare(string expected, string actual);
}
