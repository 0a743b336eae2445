using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Digging the pass signal out of memory (issue 11, class 4, C#): a C# <c>assert</c> run shares its process with the
/// harness, which holds the supervisor's nonce masked on its stack. Each attack either fails to compile (native code,
/// raw memory and reflection are refused in submissions) or fails at run time (the harness made the process
/// non-dumpable, so <c>/proc/self/mem</c> cannot be opened), and never passes.
/// </summary>
public sealed class CSharpNonceTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    /// <summary>Checks that fail for an honest Add: only a forged pass could accept.</summary>
    private const string Unpassable = "System.Diagnostics.Debug.Assert(Add(2, 3) == 5);\nSystem.Diagnostics.Debug.Assert(Add(4, 4) == 999);";

    /// <summary>
    /// Safe code only: finds the main thread's stack in /proc/self/maps, reads it through /proc/self/mem, and looks for
    /// the harness's two 64-byte buffers (masked nonce and mask): past the nonce's 32 bytes they hold the same random
    /// bytes, since the nonce is zero-padded. Their XOR is the nonce, which it echoes on fd 4 before exiting with 0.
    /// </summary>
    private const string ProcSelfMemForgery = """
        using System;
        using System.IO;
        using System.Linq;
        using Microsoft.Win32.SafeHandles;

        public static class Solution
        {
            public static int Add(int a, int b)
            {
                var stack = File.ReadAllLines("/proc/self/maps").First(l => l.EndsWith("[stack]"));
                var range = stack.Split(' ')[0].Split('-').Select(h => Convert.ToInt64(h, 16)).ToArray();
                var memory = new byte[range[1] - range[0]];
                using (var mem = File.OpenHandle("/proc/self/mem"))
                {
                    var read = 0;
                    while (read < memory.Length)
                    {
                        var n = RandomAccess.Read(mem, memory.AsSpan(read), range[0] + read);
                        if (n <= 0) break;
                        read += n;
                    }
                }

                var nonce = Find(memory) ?? throw new InvalidOperationException("no nonce found");
                using (var echo = new FileStream(new SafeFileHandle(4, ownsHandle: false), FileAccess.Write, 0))
                {
                    echo.Write(nonce);
                }

                Environment.Exit(0);
                return 0;
            }

            private static byte[]? Find(byte[] memory)
            {
                // The verifier's nonce is 32 random bytes: masked[32..64] == mask[32..64], both random, and the first
                // halves differ. That fingerprint is all the search needs.
                for (var p = 0; p + 64 <= memory.Length; p += 8)
                {
                    if (!Random(memory, p, 64)) continue;
                    for (var d = 64; d <= 512 && p + d + 64 <= memory.Length; d += 8)
                    {
                        if (!memory.AsSpan(p + 32, 32).SequenceEqual(memory.AsSpan(p + d + 32, 32))) continue;
                        if (!Random(memory, p + d, 32) || memory.AsSpan(p, 32).SequenceEqual(memory.AsSpan(p + d, 32))) continue;
                        return Enumerable.Range(0, 32).Select(i => (byte)(memory[p + i] ^ memory[p + d + i])).ToArray();
                    }
                }

                return null;
            }

            private static bool Random(byte[] memory, int at, int length) => memory.Skip(at).Take(length).Distinct().Count() >= length * 3 / 4;
        }
        """;

    [Theory, MemberData(nameof(Modes))]
    public async Task ProcSelfMem_CannotBeOpened_SoTheNonceCannotBeForged(SandboxMode mode)
    {
        var verdict = await ExpectAsync(mode, CSharp(ProcSelfMemForgery, Checks("Add", Unpassable)), CodeVerdictKind.WrongAnswer);

        Assert.Contains("UnauthorizedAccessException", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task DumpabilityProbe_SeesTheHarnessMadeTheProcessNonDumpable(SandboxMode mode)
    {
        // The control for the forgery above: the submission itself sees /proc/self/mem closed, and passes when it is.
        const string probe = """
            public static class Solution
            {
                public static int Add(int a, int b)
                {
                    var readable = true;
                    try { using var f = System.IO.File.OpenRead("/proc/self/mem"); } catch (System.UnauthorizedAccessException) { readable = false; }
                    return readable ? -1 : a + b;
                }
            }
            """;

        await ExpectAsync(mode, CSharp(probe, Checks("Add", "System.Diagnostics.Debug.Assert(Add(2, 3) == 5);")), CodeVerdictKind.Accepted);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task TestsAssembly_IsGoneFromDiskBeforeTheSubmissionRuns(SandboxMode mode)
    {
        // Reading Tests.dll would give the expected values away; passing here proves the file was not there to read.
        const string probe = """
            public static class Solution
            {
                public static int Add(int a, int b) => System.IO.File.Exists("Tests.dll") || System.IO.File.Exists(System.AppContext.BaseDirectory + "Tests.dll") ? -1 : a + b;
            }
            """;

        await ExpectAsync(mode, CSharp(probe, Checks("Add", "System.Diagnostics.Debug.Assert(Add(2, 3) == 5);")), CodeVerdictKind.Accepted);
    }

    public static TheoryData<SandboxMode, string> RefusedAttacks()
    {
        string[] attacks =
        [
            // Make the process dumpable again, then read /proc/self/mem.
            """
            using System.Runtime.InteropServices;
            public static class Solution
            {
                [DllImport("libc.so.6")] private static extern int prctl(int option, nuint a, nuint b, nuint c, nuint d);
                public static int Add(int a, int b) { prctl(4, 1, 0, 0, 0); return a + b; }
            }
            """,
            // Scan the stack with a pointer.
            """
            public static class Solution
            {
                public static unsafe int Add(int a, int b) { int x = 0; byte* p = (byte*)&x; return p[4096] + a + b; }
            }
            """,
            // Read past a local with Unsafe.
            """
            public static class Solution
            {
                public static int Add(int a, int b) { int x = 0; return System.Runtime.CompilerServices.Unsafe.Add(ref x, 1024) + a + b; }
            }
            """,
            // A span over the stack far beyond a local.
            """
            using System.Runtime.InteropServices;
            public static class Solution
            {
                public static int Add(int a, int b) { int x = 0; var s = MemoryMarshal.CreateSpan(ref x, 1 << 20); return s[4096] + a + b; }
            }
            """,
            // Emit code that reads memory.
            """
            using System.Reflection.Emit;
            public static class Solution
            {
                public static int Add(int a, int b) { var m = new DynamicMethod("peek", typeof(int), null); m.GetILGenerator().Emit(OpCodes.Ldc_I4_0); return a + b; }
            }
            """,
            // Reflection on the harness (and the tests).
            """
            public static class Solution
            {
                public static int Add(int a, int b)
                {
                    var runner = System.Reflection.Assembly.GetEntryAssembly()!.GetType("VerifierHarness.AssertRunner")!;
                    return runner.GetMethods(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static).Length + a + b;
                }
            }
            """,
            // The tests' IL, through the caller's method body.
            """
            public static class Solution
            {
                public static int Add(int a, int b) => new System.Diagnostics.StackTrace().GetFrame(1)!.GetMethod()!.GetMethodBody()!.GetILAsByteArray()!.Length + a + b;
            }
            """,
            // A private field of another type, without reflection.
            """
            using System.Runtime.CompilerServices;
            public static class Solution
            {
                [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "TakeNonce")] private static extern int Peek(object o);
                public static int Add(int a, int b) => a + b;
            }
            """,
            // Overlaid references: type confusion with no unsafe keyword.
            """
            using System.Runtime.InteropServices;
            [StructLayout(LayoutKind.Explicit)] public struct Overlay { [FieldOffset(0)] public byte[] Bytes; [FieldOffset(0)] public long[] Longs; }
            public static class Solution { public static int Add(int a, int b) => a + b; }
            """,
            // Load code from bytes.
            """
            public static class Solution
            {
                public static int Add(int a, int b) { System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromStream(new System.IO.MemoryStream()); return a + b; }
            }
            """,
            // Run code the check never saw: a type loaded by name (from an assembly written next to the harness), then its static constructor.
            """
            public static class Solution
            {
                public static int Add(int a, int b)
                {
                    System.IO.File.WriteAllBytes("Evil.dll", new byte[] { 0x4d, 0x5a });
                    System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(System.Type.GetType("Evil.Payload, Evil")!.TypeHandle);
                    return a + b;
                }
            }
            """,
            // A delegate bound by name to any static method of a type, private ones included.
            """
            public static class Solution
            {
                public static int Add(int a, int b) => ((Func<int>)Delegate.CreateDelegate(typeof(Func<int>), typeof(Environment), "get_ProcessorCount"))() * 0 + a + b;
            }
            """,
            // Native memory.
            """
            public static class Solution
            {
                public static int Add(int a, int b) => System.Runtime.InteropServices.Marshal.ReadByte((nint)0x7fff0000) + a + b;
            }
            """,
            // Since C# compiles against the whole framework: reflection by other doors. Public reflection through
            // dynamic, which names no reflection type (each member is bound at run time, by name).
            """
            public static class Solution
            {
                public static int Add(int a, int b)
                {
                    dynamic type = typeof(string);
                    var marshal = type.Assembly.GetType("System.Runtime.InteropServices.Marshal");
                    return (byte)marshal.GetMethod("ReadByte", new[] { typeof(nint) }).Invoke(null, new object[] { (nint)0x7fff0000 }) + a + b;
                }
            }
            """,
            // Expression trees call members by name, non-public ones included, and compile them.
            """
            using System.Linq.Expressions;
            public static class Solution
            {
                public static int Add(int a, int b)
                {
                    var marshal = Expression.Lambda<Func<Type>>(Expression.Call(typeof(Type), "GetType", null, Expression.Constant("System.Runtime.InteropServices.Marshal"))).Compile()();
                    return Expression.Lambda<Func<byte>>(Expression.Call(marshal, "ReadByte", null, Expression.Constant((nint)0x7fff0000))).Compile()() + a + b;
                }
            }
            """,
            // The runtime binder by hand: its context type decides which private members a call site reaches.
            """
            using Microsoft.CSharp.RuntimeBinder;
            using System.Runtime.CompilerServices;
            public static class Solution
            {
                public static int Add(int a, int b)
                {
                    var binder = Binder.GetMember(CSharpBinderFlags.None, "_stringLength", typeof(string), new[] { CSharpArgumentInfo.Create(CSharpArgumentInfoFlags.None, null) });
                    var site = CallSite<Func<CallSite, object, object>>.Create(binder);
                    return (int)site.Target(site, "abc") + a + b;
                }
            }
            """,
            // Visual Basic's late binding: any public member of any object, by name.
            """
            using Microsoft.VisualBasic;
            public static class Solution
            {
                public static int Add(int a, int b)
                {
                    var assembly = Interaction.CallByName(typeof(string), "Assembly", CallType.Get);
                    var marshal = Interaction.CallByName(assembly, "GetType", CallType.Method, "System.Runtime.InteropServices.Marshal");
                    return (marshal is null ? 0 : 1) + a + b;
                }
            }
            """,
            // An XSLT stylesheet calls an extension object's methods by name.
            """
            using System.Xml.Xsl;
            public static class Solution
            {
                public static int Add(int a, int b)
                {
                    var arguments = new XsltArgumentList();
                    arguments.AddExtensionObject("urn:type", typeof(string));
                    return a + b;
                }
            }
            """,
            // Serializers that run non-public constructors and set private fields from their input.
            """
            public static class Solution
            {
                public static int Add(int a, int b)
                {
                    var serializer = new System.Runtime.Serialization.DataContractSerializer(typeof(object), new[] { typeof(Exception) });
                    return (serializer.ReadObject(new System.IO.MemoryStream()) is null ? 0 : 1) + a + b;
                }
            }
            """,
            // A reference forged from bytes: with a reference type's handle, Box returns the bytes as the reference itself.
            """
            public static class Solution
            {
                public static int Add(int a, int b)
                {
                    var bytes = BitConverter.GetBytes(0x7fff0000L);
                    var forged = (string)System.Runtime.CompilerServices.RuntimeHelpers.Box(ref bytes[0], typeof(string).TypeHandle)!;
                    return forged.Length + a + b;
                }
            }
            """,
            // A failing Debug.Assert in the tests returns once Trace's listeners are gone (see the control below).
            """
            public static class Solution
            {
                public static int Add(int a, int b) { System.Diagnostics.Trace.Listeners.Clear(); return 0; }
            }
            """,
        ];
        var data = new TheoryData<SandboxMode, string>();
        foreach (var mode in new[] { SandboxMode.Fast, SandboxMode.Strict })
        {
            foreach (var attack in attacks)
            {
                data.Add(mode, attack);
            }
        }

        return data;
    }

    [Theory, MemberData(nameof(RefusedAttacks))]
    public async Task MemoryNativeAndReflectionAttacks_AreRefusedAtCompile(SandboxMode mode, string attack)
    {
        var verdict = await ExpectAsync(mode, CSharp(attack, Checks("Add", Unpassable)), CodeVerdictKind.CompileError);

        Assert.Matches(@"error (VER0001|CS0227)", verdict.Reason);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task TraceListenersCleared_SilenceAFailingDebugAssert_WhichIsWhyCandidatesMayNotTouchThem(SandboxMode mode)
    {
        // The control for the Trace attack above: the tests (trusted, so not checked) clear the listeners themselves,
        // and a failing assert no longer fails. A candidate that could do this would pass with any answer.
        var verdict = await ExpectAsync(mode, CSharp("public static class Solution { public static int Add(int a, int b) => 0; }",
            Checks("Add", "System.Diagnostics.Trace.Listeners.Clear();\nSystem.Diagnostics.Debug.Assert(Add(2, 3) == 5);")), CodeVerdictKind.Accepted);

        Assert.Equal(1.0, verdict.Reward);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task OrdinaryCodeThatLooksNearby_StillCompiles(SandboxMode mode)
    {
        // Spans, CollectionsMarshal, typeof and GetType().Name are fine: nothing of them reads memory or other code.
        const string code = """
            using System.Runtime.InteropServices;
            public static class Solution
            {
                public static int Add(int a, int b)
                {
                    var list = new List<int> { a, b };
                    Span<int> both = CollectionsMarshal.AsSpan(list);
                    Span<int> copy = stackalloc int[2];
                    both.CopyTo(copy);
                    return typeof(Solution).Name.Length + a.GetType().Name.Length - 13 + copy[0] + copy[1];
                }
            }
            """;

        await ExpectAsync(mode, CSharp(code, Checks("Add", "System.Diagnostics.Debug.Assert(Add(2, 3) == 5);")), CodeVerdictKind.Accepted);
    }
}
