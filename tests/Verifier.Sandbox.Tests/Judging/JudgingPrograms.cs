namespace Verifier.Sandbox.Tests.Judging;

/// <summary>The same few programs in one language of each family: interpreted (Python), compiled (C++), Roslyn (C#).</summary>
internal sealed record JudgingPrograms(string Language, string DivisorsDescending, string OneToN, string SquareRoot, string DoubleSmallOnes)
{
    public static readonly JudgingPrograms Python = new(
        "python",
        "n = int(input())\nprint('\\n'.join(str(d) for d in range(n, 0, -1) if n % d == 0))",
        "n = int(input())\nfor d in range(1, n + 1): print(d)",
        "import math\nprint(f'{math.sqrt(float(input())):.12f}')",
        "import time\nn = int(input())\nif n == 7777: time.sleep(30)\nprint(2 * n if n <= 100 else 0)");

    public static readonly JudgingPrograms Cpp = new(
        "cpp",
        "#include <cstdio>\nint main() { int n; scanf(\"%d\", &n); for (int d = n; d >= 1; --d) if (n % d == 0) printf(\"%d\\n\", d); }",
        "#include <cstdio>\nint main() { int n; scanf(\"%d\", &n); for (int d = 1; d <= n; ++d) printf(\"%d\\n\", d); }",
        "#include <cstdio>\n#include <cmath>\nint main() { double x; scanf(\"%lf\", &x); printf(\"%.12f\\n\", std::sqrt(x)); }",
        "#include <cstdio>\n#include <unistd.h>\nint main() { long n; scanf(\"%ld\", &n); if (n == 7777) sleep(30); printf(\"%ld\\n\", n <= 100 ? 2 * n : 0L); }");

    public static readonly JudgingPrograms CSharp = new(
        "csharp",
        "var n = int.Parse(Console.ReadLine()!);\nfor (var d = n; d >= 1; d--) if (n % d == 0) Console.WriteLine(d);",
        "var n = int.Parse(Console.ReadLine()!);\nfor (var d = 1; d <= n; d++) Console.WriteLine(d);",
        "var x = double.Parse(Console.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);\nConsole.WriteLine(Math.Sqrt(x).ToString(\"F12\", System.Globalization.CultureInfo.InvariantCulture));",
        "var n = long.Parse(Console.ReadLine()!);\nif (n == 7777) Thread.Sleep(30_000);\nConsole.WriteLine(n <= 100 ? 2 * n : 0);");

    public static JudgingPrograms For(string language) => language switch
    {
        "python" => Python,
        "cpp" => Cpp,
        "csharp" => CSharp,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };
}
