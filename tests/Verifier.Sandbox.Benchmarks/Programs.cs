namespace Verifier.Sandbox.Benchmarks;

/// <summary>The trivial programs measured: read two numbers, print their sum.</summary>
internal static class Programs
{
    public const string Python = "a, b = map(int, input().split())\nprint(a + b)\n";

    public const string Cpp = "#include <cstdio>\nint main() { long long a, b; if (std::scanf(\"%lld %lld\", &a, &b) != 2) return 1; std::printf(\"%lld\\n\", a + b); }\n";

    public static string For(string language) => language == "python" ? Python : Cpp;

    public static (string Stdin, string Stdout)[] Cases(int count) =>
        [.. Enumerable.Range(1, count).Select(i => ($"{i} {i * 7}\n", $"{i * 8}\n"))];
}
