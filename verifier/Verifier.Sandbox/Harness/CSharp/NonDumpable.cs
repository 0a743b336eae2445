using System.Runtime.InteropServices;

namespace VerifierHarness;

/// <summary>
/// Makes this process non-dumpable before the nonce is read. With no capabilities, the <c>/proc/self</c> files of a
/// non-dumpable process belong to root, so the submission's code (which shares this process in <c>assert</c> runs)
/// cannot open <c>/proc/self/mem</c> to dig the masked nonce out of the stack, nor <c>/proc/self/fd</c>. Turning it
/// back on takes native code, which the verifier refuses in submissions (no P/Invoke, no unsafe code).
/// </summary>
internal static class NonDumpable
{
    private const int PrSetDumpable = 4;

    public static void Apply()
    {
        if (Prctl(PrSetDumpable, 0, 0, 0, 0) != 0)
        {
            // Without it the pass signal could be forged; refusing to run is a failure the caller sees, never a pass.
            throw new InvalidOperationException($"prctl(PR_SET_DUMPABLE, 0) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc.so.6", EntryPoint = "prctl", SetLastError = true)]
    private static extern int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
