using System.Diagnostics;
using System.Text;
using Verifier.Core.Code;
using Verifier.Sandbox.Languages;

namespace Verifier.Sandbox.Execution;

/// <summary>
/// A submission's tests as supervisor messages (each one a run, a call or a check) and the judgement of each reply.
/// The C++ assert nonce is made here, once per submission, and leaves the verifier only towards the harness.
/// </summary>
internal sealed class TestPlan(CodeTests tests, RunnerKind runner, ResolvedLimits limits, FinishRequest finish, TestJudge judge)
{
    private readonly byte[]? _nonce = tests is AssertTests && runner == RunnerKind.Process ? TestJudge.NewNonce() : null;
    private readonly RunLimits _limits = limits.ForJudging();

    public FinishRequest Finish => finish;

    /// <summary>An assert block is one test whatever it checks.</summary>
    public int Count => tests is AssertTests ? 1 : tests.Count;

    /// <param name="index">The test.</param>
    /// <param name="last">The last test carries the finish, saving a round trip.</param>
    public object Message(int index, bool last)
    {
        var end = last ? finish : null;
        return tests switch
        {
            IoTests io => new RunMessage(Convert.ToBase64String(Encoding.UTF8.GetBytes(io.Cases[index].Stdin)), null) { Finish = end },
            FunctionTests function => new CallMessage(function.EntryPoint, function.Cases[index].Args) { Finish = end },
            AssertTests assert when runner == RunnerKind.PythonJudge => new CheckMessage(assert.EntryPoint, assert.Code) { Finish = end },
            AssertTests => new RunMessage("", Convert.ToBase64String(_nonce!)) { Finish = end },
            _ => throw new UnreachableException($"tests of kind {tests.Kind}"),
        };
    }

    public CodeTestResult Judge(int index, SupervisorReply reply)
    {
        SubmissionRunner.Expect(reply, "result");
        return tests switch
        {
            IoTests io => judge.Io(index, reply, io.Cases[index].Stdout, _limits),
            FunctionTests function => judge.Function(index, reply, function.Cases[index].Expected, _limits),
            AssertTests when runner == RunnerKind.PythonJudge => judge.PythonAssert(reply, _limits),
            AssertTests => judge.MarkerAssert(reply, _nonce!, _limits),
            _ => throw new UnreachableException($"tests of kind {tests.Kind}"),
        };
    }
}
