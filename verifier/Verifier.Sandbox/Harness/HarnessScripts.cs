using System.Reflection;

namespace Verifier.Sandbox.Harness;

/// <summary>The in-container harness sources, embedded in this assembly (nothing of ours has to be baked into the images).</summary>
internal static class HarnessScripts
{
    /// <summary>The supervisor, PID 1 of every sandbox container: its parts concatenated into one <c>python3 -c</c> program.</summary>
    public static string Supervisor { get; } = Concatenate("tagged_codec.py", "processes.py", "watch.py", "judge.py", "job_files.py", "job_checks.py", "job.py", "supervisor.py");

    /// <summary>The submission-side function server for Python <c>function</c> and <c>assert</c> tests.</summary>
    public static string PythonServer { get; } = Concatenate("tagged_codec.py", "python_server.py");

    /// <summary>Python io programs start through it: it compiles the program, reports a syntax error on fd 3, then runs it as <c>__main__</c>.</summary>
    public static string PythonLauncher { get; } = Read("python_launcher.py");

    public static string CppAssertHarness { get; } = Read("cpp_assert_harness.c");

    /// <summary>The function server for JavaScript and TypeScript <c>function</c> tests.</summary>
    public static string NodeServer { get; } = Read("node_server.js");

    /// <summary>The luaunit that Lua assert programs require: test code's API, and the proof that the tests ran to the end.</summary>
    public static string LuaUnit { get; } = Read("luaunit.lua");

    /// <summary>The Java launcher: finds the class with <c>main</c>, runs it, and echoes the assert nonce when it returns.</summary>
    public static string JavaLauncher { get; } = Read("VerifierLauncher.java");

    public static string CppAssertBuild { get; } = Read("cpp_assert_build.sh");

    /// <summary>The assert build's refusal of inline assembly, compiled and run in the sandbox.</summary>
    public static string CppSourceCheck { get; } = Read("cpp_source_check.c");

    /// <summary>The header-only C++ function server, as (file name, source) pairs shipped with each <c>function</c> submission.</summary>
    public static IReadOnlyList<(string Name, string Source)> CppFunctionServer { get; } =
        [.. new[] { "cpp_function_server.hpp", "cpp_function_codecs.hpp", "cpp_function_json.hpp" }.Select(name => (name, Read(name)))];

    /// <summary>The C# harness (function server and assert runner), as (file name, source) pairs for Roslyn.</summary>
    public static IReadOnlyList<(string Name, string Source)> CSharpHarness { get; } =
        [.. new[] { "Program.cs", "AssertRunner.cs", "FunctionServer.cs", "EntryPoints.cs", "JsonArguments.cs", "JsonResult.cs", "NonDumpable.cs" }
            .Select(name => (name, Read($"CSharp.{name}")))];

    private static string Concatenate(params string[] names) => string.Join("\n\n", names.Select(Read));

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Verifier.Sandbox.Harness.{name}")
            ?? throw new InvalidOperationException($"harness resource {name} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
