// The C# compiler worker. The verifier starts one per compile slot and talks to it over stdin/stdout
// (CompileProtocol): it warms Roslyn up, says it is ready, then compiles one request at a time until stdin closes.
// The verifier kills it when a compilation passes its deadline (Roslyn ignores cancellation while it binds lambdas)
// and starts another; a worker that dies on a source costs that source a compile error, nothing more.
using Verifier.CSharpCompiler;

var input = Console.OpenStandardInput();
var output = Console.OpenStandardOutput();
// Nothing else may write to the channel: a stray Console.WriteLine would corrupt a reply.
Console.SetOut(TextWriter.Null);

// The first compilation of a process JITs Roslyn (about a second); the warm-up pays for it before any request waits.
SubmissionBuild.Compile(new CompileRequest(CompileKind.Assert, "public static class Warm { public static int F(int x) => x + 1; }",
    "System.Diagnostics.Debug.Assert(F(1) == 2);", "F", 4096), CancellationToken.None);
output.WriteByte(CompileProtocol.Ready);
output.Flush();

while (true)
{
    CompileRequest request;
    try
    {
        request = CompileProtocol.DecodeRequest(CompileProtocol.ReadFrame(input));
    }
    catch (EndOfStreamException)
    {
        return 0; // the verifier closed the channel (or is gone)
    }

    CompileReply reply;
    try
    {
        reply = SubmissionBuild.Compile(request, CancellationToken.None);
    }
    catch (Exception e) when (e is not OutOfMemoryException)
    {
        // Roslyn gave up on this source (it has thrown on sources at its limits): the submission's doing, not ours.
        reply = new CompileReply(null, $"the compiler failed on this source: {e.GetType().Name}: {e.Message}");
    }

    CompileProtocol.WriteFrame(output, CompileProtocol.Encode(reply));
}
