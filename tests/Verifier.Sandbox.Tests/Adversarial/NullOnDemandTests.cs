using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Issue 11, class 5: a submission must not be able to make the supervisor fail (an infra error, a null reward,
/// which GRPO treats as advantage 0: for a wrong sample, a reward). What a submission does inside its sandbox is
/// its own verdict: deep or locked directory trees must still be wiped, a sabotaged job directory must not stop
/// the next test from starting, and a function server that never reads its request must meet the time limit.
/// </summary>
public class NullOnDemandTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    /// <summary>(where, depth, lock): a chain of `depth` directories, made unreadable on the way back up when `lock`.</summary>
    public static TheoryData<SandboxMode, string, int, bool> DeepTrees()
    {
        var data = new TheoryData<SandboxMode, string, int, bool>();
        foreach (var mode in Modes)
        {
            data.Add(mode, ".", 1500, false);
            data.Add(mode, ".", 5000, true);
            data.Add(mode, "/dev/shm", 5000, false);
        }

        return data;
    }

    /// <summary>A wrong program (prints 0, expected 1) that leaves a deep tree behind: it gets wrong_answer, never null.</summary>
    [Theory, MemberData(nameof(DeepTrees))]
    public Task DeepDirectoryTree_IsWipedAndTheWrongAnswerStands(SandboxMode mode, string where, int depth, bool locked) =>
        ExpectAsync(mode, Python(
            "import os\n" +
            $"os.chdir('{where}')\n" +
            $"for i in range({depth}):\n" +
            "    os.mkdir('d')\n" +
            "    os.chdir('d')\n" +
            "    if i % 500 == 0:\n" +
            "        open('f', 'w').close()\n" +
            "        os.symlink('/', 'root')\n" +
            $"if {(locked ? "True" : "False")}:\n" +
            $"    for i in range({depth}):\n" +
            "        os.chdir('..')\n" +
            "        os.chmod('d', 0o000 if i % 2 else 0o500)\n" +
            "print(0)\n",
            Prints("1")), CodeVerdictKind.WrongAnswer);

    [Theory, MemberData(nameof(Modes))]
    public Task WideLockedTree_IsWipedAndTheWrongAnswerStands(SandboxMode mode) => ExpectAsync(mode, Python(
        "import os\n" +
        "for i in range(3000):\n" +
        "    os.mkdir('w%d' % i)\n" +
        "    open('w%d/f' % i, 'w').close()\n" +
        "    os.mkdir('w%d/inner' % i)\n" +
        "    os.chmod('w%d/inner' % i, 0o000)\n" +
        "    os.chmod('w%d' % i, 0o000 if i % 2 else 0o500)\n" +
        "os.chmod('.', 0o500)\n" +
        "print(0)\n",
        Prints("1")), CodeVerdictKind.WrongAnswer);

    /// <summary>What each io run does to its own job directory before answering correctly; the next run must still start.</summary>
    public static TheoryData<SandboxMode, string> WorkdirSabotage()
    {
        var data = new TheoryData<SandboxMode, string>();
        string[] sabotage =
        [
            "os.chmod('.', 0o000)",
            "os.chmod('.', 0o100)",
            "d = os.getcwd(); os.chdir('/'); shutil.rmtree(d)",
            "d = os.getcwd(); os.chdir('/'); shutil.rmtree(d); open(d, 'w').write('not a directory')",
            "d = os.getcwd(); os.chdir('/'); shutil.rmtree(d); os.symlink('/', d)",
            "d = os.getcwd(); os.chdir('/'); shutil.rmtree(d); os.mkdir(d); os.symlink('/etc/passwd', d + '/main.py')",
        ];
        foreach (var mode in Modes)
        {
            foreach (var s in sabotage)
            {
                data.Add(mode, s);
            }
        }

        return data;
    }

    [Theory, MemberData(nameof(WorkdirSabotage))]
    public Task SabotagedJobDirectory_DoesNotStopTheNextTest(SandboxMode mode, string sabotage) => ExpectAsync(mode, Python(
        $"import os, shutil\nn = int(input())\n{sabotage}\nprint(n + 1)\n",
        Io(("1\n", "2\n"), ("2\n", "3\n"), ("3\n", "4\n"))), CodeVerdictKind.Accepted);

    /// <summary>The job directory is gone and /tmp is full, so the next test's files cannot be written: the submission's doing.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task JobDirectoryRemovedAndTmpFilled_IsTheSubmissionsRuntimeError(SandboxMode mode) => ExpectAsync(mode, Python(
        "import os, shutil\n" +
        "n = int(input())\n" +
        "d = os.getcwd()\n" +
        "os.chdir('/')\n" +
        "shutil.rmtree(d)\n" +
        "chunk = b'x' * (1 << 20)\n" +
        "try:\n" +
        "    for i in range(20):\n" +
        "        with open('/tmp/fill%d' % i, 'wb') as f:\n" +
        "            for _ in range(15):\n" +
        "                f.write(chunk)\n" +
        "except OSError:\n" +
        "    pass\n" +
        "print(n + 1)\n",
        Io(("1\n", "2\n"), ("2\n", "3\n")), memoryMb: 512), CodeVerdictKind.RuntimeError);

    /// <summary>An argument larger than a pipe's buffer, to a server that never reads: the supervisor must not block on it.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task FunctionServerThatNeverReadsABigArgument_IsATimeLimit(SandboxMode mode) => ExpectAsync(mode, Python(
        "import time\ntime.sleep(60)\ndef size(s):\n    return len(s)\n",
        Function("size", ($"[\"{new string('x', 300_000)}\"]", "300000")), timeMs: 1000), CodeVerdictKind.TimeLimit);

    [Theory, MemberData(nameof(Modes))]
    public Task FunctionServerThatSpinsWithoutReadingABigArgument_IsATimeLimit(SandboxMode mode) => ExpectAsync(mode, Python(
        "while True:\n    pass\ndef size(s):\n    return len(s)\n",
        Function("size", ($"[\"{new string('x', 300_000)}\"]", "300000")), timeMs: 1000), CodeVerdictKind.TimeLimit);

    [Theory, MemberData(nameof(Modes))]
    public Task AssertCandidateThatNeverReadsABigArgument_IsATimeLimit(SandboxMode mode) => ExpectAsync(mode, Python(
        "import time\ntime.sleep(60)\ndef size(s):\n    return len(s)\n",
        Checks("size", "def check(candidate):\n    assert candidate('x' * 300000) == 300000\n"), timeMs: 1000), CodeVerdictKind.TimeLimit);

    /// <summary>A C++ program that removes or locks its own binary: the next test cannot start, and that is the submission's runtime_error.</summary>
    [Theory]
    [InlineData(SandboxMode.Fast, "unlink(\"main\")")]
    [InlineData(SandboxMode.Strict, "unlink(\"main\")")]
    [InlineData(SandboxMode.Fast, "chmod(\"main\", 0)")]
    [InlineData(SandboxMode.Strict, "chmod(\"main\", 0)")]
    public Task CppProgramThatRemovesItsOwnBinary_IsARuntimeErrorOnTheNextTest(SandboxMode mode, string sabotage) => ExpectAsync(mode, Cpp(
        "#include <cstdio>\n#include <unistd.h>\n#include <sys/stat.h>\n" +
        $"int main() {{ int n; if (std::scanf(\"%d\", &n) != 1) return 1; {sabotage}; std::printf(\"%d\\n\", n + 1); }}\n",
        Io(("1\n", "2\n"), ("2\n", "3\n"))), CodeVerdictKind.RuntimeError);
}
