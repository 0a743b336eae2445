// The C# harness: the entry assembly of every C# `function` and `assert` run in the sandbox. The verifier compiles it
// (with Roslyn, once per verifier process) and ships it beside the submission; nothing of it is baked into the image.
//
//   dotnet harness.dll serve   the function server: loads Submission.dll and answers calls on fds 3 and 4
//   dotnet harness.dll check   runs Tests.dll's entry point, then proves it returned by echoing a nonce
//
// It runs inside the submission's own process, so what it reports is only data: the verifier judges function answers
// outside the sandbox, and an assert run passes only with the nonce echoed, which no exit path of the submission makes.
namespace VerifierHarness;

internal static class Program
{
    private static int Main(string[] args)
    {
        // First of all: nothing the submission runs later in this process may read its memory through /proc.
        NonDumpable.Apply();
        if (args.Length == 1 && args[0] == "check")
        {
            return AssertRunner.Run();
        }

        if (args.Length == 1 && args[0] == "serve")
        {
            FunctionServer.Serve();
            return 0;
        }

        Console.Error.WriteLine("usage: harness serve|check");
        return 2;
    }
}
