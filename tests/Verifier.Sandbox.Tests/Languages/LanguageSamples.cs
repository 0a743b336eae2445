namespace Verifier.Sandbox.Tests.Languages;

/// <summary>
/// The same programs in each of the ten languages added together, so one theory checks one behaviour everywhere.
/// io programs: <see cref="Sum"/> reads "a b" and prints a + b; the probes print "blocked"/"denied" when contained.
/// Assert programs follow MultiPL-E's layout (the submission, then the test code) for a function <c>add</c>.
/// </summary>
/// <param name="CompileError">Does not compile (a syntax error for interpreted languages, a type error where one is checked).</param>
/// <param name="RuntimeError">Fails at run time with a message naming "boom" or exit status 3.</param>
/// <param name="Network">Tries a TCP connection to 1.1.1.1:80; prints "connected" or "blocked".</param>
/// <param name="WriteOutside">Tries to create /etc/verifier-probe; prints "written" or "denied".</param>
/// <param name="ForkBomb">Spawns processes without end.</param>
/// <param name="AddTests">Assert test code checking add(2, 3) == 5.</param>
/// <param name="EarlyExit">A correct add that ends the process with status 0 before any test runs.</param>
public sealed record LanguageSamples(
    string Language,
    string Sum,
    string CompileError,
    string RuntimeError,
    string Loop,
    string Memory,
    string Flood,
    string Network,
    string WriteOutside,
    string ForkBomb,
    string Add,
    string WrongAdd,
    string AddTests,
    string EarlyExit)
{
    public override string ToString() => Language;

    public static IReadOnlyDictionary<string, LanguageSamples> All { get; } = new[]
    {
        Java(), Go(), Rust(), JavaScript(), TypeScript(), Bash(), Ruby(), Php(), Lua(), Perl(),
    }.ToDictionary(s => s.Language);

    public static TheoryData<string> Names => [.. All.Keys];

    private static LanguageSamples Java() => new(
        "java",
        Sum: "import java.util.*;\npublic class Solution {\n    public static void main(String[] args) {\n        Scanner in = new Scanner(System.in);\n        long a = in.nextLong(), b = in.nextLong();\n        System.out.println(a + b);\n    }\n}\n",
        CompileError: "class Main { public static void main(String[] a) { int x = \"s\"; } }",
        RuntimeError: "class Main { public static void main(String[] a) { throw new IllegalStateException(\"boom\"); } }",
        Loop: "class Main { public static void main(String[] a) { long x = 0; while (true) { x++; } } }",
        Memory: "import java.util.*;\nclass Main { public static void main(String[] a) { List<long[]> keep = new ArrayList<>(); while (true) { long[] b = new long[1 << 17]; Arrays.fill(b, 1); keep.add(b); } } }",
        Flood: "class Main { public static void main(String[] a) { while (true) System.out.println(\"yyyyyyyyyyyyyyyyyyyy\"); } }",
        Network: "import java.net.*;\nclass Main { public static void main(String[] a) { try (Socket s = new Socket()) { s.connect(new InetSocketAddress(\"1.1.1.1\", 80), 2000); System.out.println(\"connected\"); } catch (Exception e) { System.out.println(\"blocked\"); } } }",
        WriteOutside: "import java.nio.file.*;\nclass Main { public static void main(String[] a) { try { Files.writeString(Path.of(\"/etc/verifier-probe\"), \"x\"); System.out.println(\"written\"); } catch (Exception e) { System.out.println(\"denied\"); } } }",
        ForkBomb: "class Main { public static void main(String[] a) { while (true) { try { new ProcessBuilder(\"sh\", \"-c\", \":(){ :|:& };:\").start(); } catch (Exception e) { } } } }",
        Add: "class Problem {\n    public static long add(long a, long b) {\n        return a + b;\n    }\n",
        WrongAdd: "class Problem {\n    public static long add(long a, long b) {\n        return a - b;\n    }\n",
        AddTests: "    public static void main(String[] args) {\n    assert(add(2, 3) == 5);\n    }\n\n}\n",
        EarlyExit: "class Problem {\n    static { System.exit(0); }\n    public static long add(long a, long b) {\n        return a + b;\n    }\n");

    private static LanguageSamples Go() => new(
        "go",
        Sum: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n",
        CompileError: "package main\n\nfunc main() {\n\tx := 1\n}\n",
        RuntimeError: "package main\n\nfunc main() {\n\tpanic(\"boom\")\n}\n",
        Loop: "package main\n\nvar x int\n\nfunc main() {\n\tfor {\n\t\tx++\n\t}\n}\n",
        Memory: "package main\n\nvar keep [][]byte\n\nfunc main() {\n\tfor {\n\t\tb := make([]byte, 1<<20)\n\t\tfor i := range b {\n\t\t\tb[i] = 1\n\t\t}\n\t\tkeep = append(keep, b)\n\t}\n}\n",
        Flood: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor {\n\t\tfmt.Println(\"yyyyyyyyyyyyyyyyyyyy\")\n\t}\n}\n",
        Network: "package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n\t\"time\"\n)\n\nfunc main() {\n\tc, err := net.DialTimeout(\"tcp\", \"1.1.1.1:80\", 2*time.Second)\n\tif err != nil {\n\t\tfmt.Println(\"blocked\")\n\t\treturn\n\t}\n\tc.Close()\n\tfmt.Println(\"connected\")\n}\n",
        WriteOutside: "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tif err := os.WriteFile(\"/etc/verifier-probe\", []byte(\"x\"), 0o644); err != nil {\n\t\tfmt.Println(\"denied\")\n\t\treturn\n\t}\n\tfmt.Println(\"written\")\n}\n",
        ForkBomb: "package main\n\nimport \"os/exec\"\n\nfunc main() {\n\tfor {\n\t\texec.Command(\"sh\", \"-c\", \":(){ :|:& };:\").Start()\n\t}\n}\n",
        Add: "package add_test\n\nimport (\n\t\"testing\"\n)\n\nfunc add(a int, b int) int {\n\treturn a + b\n}\n",
        WrongAdd: "package add_test\n\nimport (\n\t\"testing\"\n)\n\nfunc add(a int, b int) int {\n\treturn a - b\n}\n",
        AddTests: "func TestAdd(t *testing.T) {\n\tif got := add(2, 3); got != 5 {\n\t\tt.Errorf(\"add(2, 3) = %d\", got)\n\t}\n}\n",
        EarlyExit: "package add_test\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\nfunc init() {\n\tos.Exit(0)\n}\n\nfunc add(a int, b int) int {\n\treturn a + b\n}\n");

    private static LanguageSamples Rust() => new(
        "rust",
        Sum: "use std::io::Read;\n\nfn main() {\n    let mut s = String::new();\n    std::io::stdin().read_to_string(&mut s).unwrap();\n    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();\n    println!(\"{}\", v[0] + v[1]);\n}\n",
        CompileError: "fn main() {\n    let x: i32 = \"s\";\n}\n",
        RuntimeError: "fn main() {\n    panic!(\"boom\");\n}\n",
        Loop: "fn main() {\n    let mut x: u64 = 1;\n    loop {\n        x = x.wrapping_mul(3).wrapping_add(1);\n        if x == 0 {\n            println!(\"{}\", x);\n        }\n    }\n}\n",
        Memory: "fn main() {\n    let mut keep: Vec<Vec<u8>> = Vec::new();\n    loop {\n        keep.push(vec![1u8; 1 << 20]);\n    }\n}\n",
        Flood: "fn main() {\n    loop {\n        println!(\"yyyyyyyyyyyyyyyyyyyy\");\n    }\n}\n",
        Network: "use std::net::{SocketAddr, TcpStream};\nuse std::time::Duration;\n\nfn main() {\n    let addr: SocketAddr = \"1.1.1.1:80\".parse().unwrap();\n    match TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {\n        Ok(_) => println!(\"connected\"),\n        Err(_) => println!(\"blocked\"),\n    }\n}\n",
        WriteOutside: "fn main() {\n    match std::fs::write(\"/etc/verifier-probe\", \"x\") {\n        Ok(_) => println!(\"written\"),\n        Err(_) => println!(\"denied\"),\n    }\n}\n",
        ForkBomb: "use std::process::Command;\n\nfn main() {\n    loop {\n        let _ = Command::new(\"sh\").arg(\"-c\").arg(\":(){ :|:& };:\").spawn();\n    }\n}\n",
        Add: "fn add(a: i64, b: i64) -> i64 {\n    a + b\n}\n",
        WrongAdd: "fn add(a: i64, b: i64) -> i64 {\n    a - b\n}\n",
        AddTests: "\nfn main() {\n    let candidate = add;\n    assert_eq!(candidate(2, 3), 5);\n}\n",
        EarlyExit: "fn add(a: i64, b: i64) -> i64 {\n    std::process::exit(0)\n}\n");

    private static LanguageSamples JavaScript() => new(
        "javascript",
        Sum: "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(BigInt);\nconsole.log((a + b).toString());\n",
        CompileError: "function (\n",
        RuntimeError: "throw new Error(\"boom\");\n",
        Loop: "let x = 0;\nwhile (true) { x++; }\n",
        Memory: "const keep = [];\nwhile (true) { keep.push(Buffer.alloc(1 << 20, 1)); }\n",
        Flood: "while (true) { process.stdout.write(\"yyyyyyyyyyyyyyyyyyyy\\n\"); }\n",
        Network: "const s = require('net').connect({ host: '1.1.1.1', port: 80, timeout: 2000 });\ns.on('connect', () => { console.log('connected'); s.destroy(); });\ns.on('error', () => console.log('blocked'));\ns.on('timeout', () => { console.log('blocked'); s.destroy(); });\n",
        WriteOutside: "try { require('fs').writeFileSync('/etc/verifier-probe', 'x'); console.log('written'); } catch (e) { console.log('denied'); }\n",
        ForkBomb: "const { spawn } = require('child_process');\nwhile (true) { try { spawn('sh', ['-c', ':(){ :|:& };:']); } catch (e) { } }\n",
        Add: "function add(a, b) {\n  return a + b;\n}\n",
        WrongAdd: "function add(a, b) {\n  return a - b;\n}\n",
        AddTests: "const assert = require('node:assert');\n\n\nfunction test() {\n  let candidate = add;\n  assert.deepEqual(candidate(2, 3), 5);\n}\n\ntest();",
        EarlyExit: "process.exit(0);\nfunction add(a, b) {\n  return a + b;\n}\n");

    private static LanguageSamples TypeScript() => new(
        "typescript",
        Sum: "import * as fs from \"fs\";\nconst [a, b] = fs.readFileSync(0, \"utf8\").trim().split(/\\s+/).map((x: string) => BigInt(x));\nconsole.log((a + b).toString());\n",
        CompileError: "const x: number = \"s\";\nconsole.log(x);\n",
        RuntimeError: "throw new Error(\"boom\");\n",
        Loop: "let x: number = 0;\nwhile (true) { x++; }\n",
        Memory: "const keep: Buffer[] = [];\nwhile (true) { keep.push(Buffer.alloc(1 << 20, 1)); }\n",
        Flood: "while (true) { process.stdout.write(\"yyyyyyyyyyyyyyyyyyyy\\n\"); }\n",
        Network: "import * as net from \"net\";\nconst s = net.connect({ host: \"1.1.1.1\", port: 80, timeout: 2000 });\ns.on(\"connect\", () => { console.log(\"connected\"); s.destroy(); });\ns.on(\"error\", () => console.log(\"blocked\"));\ns.on(\"timeout\", () => { console.log(\"blocked\"); s.destroy(); });\n",
        WriteOutside: "import * as fs from \"fs\";\ntry { fs.writeFileSync(\"/etc/verifier-probe\", \"x\"); console.log(\"written\"); } catch (e) { console.log(\"denied\"); }\n",
        ForkBomb: "import { spawn } from \"child_process\";\nwhile (true) { try { spawn(\"sh\", [\"-c\", \":(){ :|:& };:\"]); } catch (e) { } }\n",
        Add: "function add(a: number, b: number): number {\n  return a + b;\n}\n",
        WrongAdd: "function add(a: number, b: number): number {\n  return a - b;\n}\n",
        AddTests: "declare var require: any;\nconst assert = require('node:assert');\n\n\nfunction test() {\n  let candidate = add;\n  assert.deepEqual(candidate(2, 3), 5);\n}\n\ntest();",
        EarlyExit: "declare var process: any;\nprocess.exit(0);\nfunction add(a: number, b: number): number {\n  return a + b;\n}\n");

    private static LanguageSamples Bash() => new(
        "bash",
        Sum: "read a b\necho $((a + b))\n",
        CompileError: "if then fi\n",
        RuntimeError: "echo boom >&2\nexit 3\n",
        Loop: "while :; do :; done\n",
        Memory: "x=$(head -c 1000000000 /dev/zero | tr '\\0' a)\necho ${#x}\n",
        Flood: "while :; do echo yyyyyyyyyyyyyyyyyyyy; done\n",
        Network: "if (exec 3<>/dev/tcp/1.1.1.1/80) 2>/dev/null; then echo connected; else echo blocked; fi\n",
        WriteOutside: "if (echo x > /etc/verifier-probe) 2>/dev/null; then echo written; else echo denied; fi\n",
        // The shell would return as soon as the bomb is lit (and print nothing, which matches): it stays to be charged.
        ForkBomb: ":(){ :|:& };:\nsleep 30\n",
        Add: "add() {\n    echo $(( $1 + $2 ))\n}\n",
        WrongAdd: "add() {\n    echo $(( $1 - $2 ))\n}\n",
        AddTests: "candidate() {\n    add \"$@\"\n}\n\nset -e\nrun_test() {\n    [[ $(candidate 2 3) = \"5\" ]]\n}\n\nrun_test",
        EarlyExit: "exit 0\nadd() {\n    echo $(( $1 + $2 ))\n}\n");

    private static LanguageSamples Ruby() => new(
        "ruby",
        Sum: "a, b = STDIN.read.split.map(&:to_i)\nputs a + b\n",
        CompileError: "def f(\nend\n",
        RuntimeError: "raise \"boom\"\n",
        Loop: "x = 0\nloop { x += 1 }\n",
        Memory: "keep = []\nloop { keep << (\"x\" * (1 << 20)) }\n",
        Flood: "loop { puts \"yyyyyyyyyyyyyyyyyyyy\" }\n",
        Network: "require 'socket'\nbegin\n  Socket.tcp('1.1.1.1', 80, connect_timeout: 2).close\n  puts 'connected'\nrescue StandardError\n  puts 'blocked'\nend\n",
        WriteOutside: "begin\n  File.write('/etc/verifier-probe', 'x')\n  puts 'written'\nrescue SystemCallError\n  puts 'denied'\nend\n",
        ForkBomb: "loop { fork rescue nil }\n",
        Add: "def add(a, b)\n  a + b\nend\n",
        WrongAdd: "def add(a, b)\n  a - b\nend\n",
        AddTests: "require 'test/unit'\nclass TestHumanEval < Test::Unit::TestCase\n  def test_add\n    candidate = method(:add)\n    assert_equal(5, candidate.call(2, 3))\n  end\nend\n",
        EarlyExit: "exit 0\ndef add(a, b)\n  a + b\nend\n");

    private static LanguageSamples Php() => new(
        "php",
        Sum: "<?php\n[$a, $b] = array_map('intval', preg_split('/\\s+/', trim(stream_get_contents(STDIN))));\necho $a + $b, \"\\n\";\n",
        CompileError: "<?php\nfunction (\n",
        RuntimeError: "<?php\nthrow new Exception(\"boom\");\n",
        Loop: "<?php\n$x = 0;\nwhile (true) { $x++; }\n",
        Memory: "<?php\n$keep = [];\nwhile (true) { $keep[] = str_repeat(\"x\", 1 << 20) . count($keep); }\n",
        Flood: "<?php\nwhile (true) { echo \"yyyyyyyyyyyyyyyyyyyy\\n\"; }\n",
        Network: "<?php\n$s = @fsockopen('1.1.1.1', 80, $errno, $errstr, 2);\necho $s ? \"connected\\n\" : \"blocked\\n\";\n",
        WriteOutside: "<?php\necho @file_put_contents('/etc/verifier-probe', 'x') === false ? \"denied\\n\" : \"written\\n\";\n",
        ForkBomb: "<?php\nwhile (true) { @proc_open(['sh', '-c', ':(){ :|:& };:'], [], $pipes); }\n",
        Add: "<?php\nfunction add($a, $b) {\n    return $a + $b;\n}\n",
        WrongAdd: "<?php\nfunction add($a, $b) {\n    return $a - $b;\n}\n",
        AddTests: "function candidate(...$args) {\n    return add(...$args);\n}\n\nfunction test(): void {\n    if (candidate(2, 3) !== 5) { throw new Exception(\"Test failed!\"); }\n}\n\ntest();",
        EarlyExit: "<?php\nexit(0);\nfunction add($a, $b) {\n    return $a + $b;\n}\n");

    private static LanguageSamples Lua() => new(
        "lua",
        Sum: "local a, b = io.read(\"n\", \"n\")\nprint(a + b)\n",
        CompileError: "local = 1\n",
        RuntimeError: "error(\"boom\")\n",
        Loop: "local x = 0\nwhile true do x = x + 1 end\n",
        Memory: "local keep = {}\nwhile true do keep[#keep + 1] = string.rep(\"x\", 1 << 20) .. #keep end\n",
        Flood: "while true do print(\"yyyyyyyyyyyyyyyyyyyy\") end\n",
        // Lua has no sockets of its own: the probe asks bash, which any Lua program can run.
        Network: "local ok = os.execute(\"bash -c 'exec 3<>/dev/tcp/1.1.1.1/80' 2>/dev/null\")\nprint(ok and \"connected\" or \"blocked\")\n",
        WriteOutside: "local f = io.open(\"/etc/verifier-probe\", \"w\")\nprint(f and \"written\" or \"denied\")\n",
        ForkBomb: "while true do os.execute(\"sh -c ':(){ :|:& };:' &\") end\n",
        Add: "local function add(a, b)\n    return a + b\nend\n",
        WrongAdd: "local function add(a, b)\n    return a - b\nend\n",
        AddTests: "lu = require('luaunit')\n\nfunction test_humaneval()\nlocal candidate = add\n    lu.assertEquals(candidate(2, 3), 5)\nend\n\nos.exit(lu.LuaUnit.run())",
        EarlyExit: "os.exit(0)\nlocal function add(a, b)\n    return a + b\nend\n");

    private static LanguageSamples Perl() => new(
        "perl",
        Sum: "my ($a, $b) = split ' ', <STDIN>;\nprint $a + $b, \"\\n\";\n",
        CompileError: "my $x = ;\n",
        RuntimeError: "die \"boom\\n\";\n",
        Loop: "my $x = 0;\nwhile (1) { $x++; }\n",
        Memory: "my @keep;\nwhile (1) { push @keep, 'x' x (1 << 20); }\n",
        Flood: "while (1) { print \"yyyyyyyyyyyyyyyyyyyy\\n\"; }\n",
        Network: "use IO::Socket::INET;\nmy $s = IO::Socket::INET->new(PeerAddr => '1.1.1.1', PeerPort => 80, Timeout => 2);\nprint $s ? \"connected\\n\" : \"blocked\\n\";\n",
        WriteOutside: "if (open(my $f, '>', '/etc/verifier-probe')) { print \"written\\n\"; } else { print \"denied\\n\"; }\n",
        ForkBomb: "while (1) { fork(); }\n",
        Add: "sub add {\n    my ($a, $b) = @_;\n    return $a + $b;\n}\n",
        WrongAdd: "sub add {\n    my ($a, $b) = @_;\n    return $a - $b;\n}\n",
        AddTests: "use Test::Deep;\n\n\nsub testhumaneval {\n    my $candidate = \\&add;\n        if(eq_deeply($candidate->(2, 3),5)) {\n        print \"ok!\" }else{\n        exit 1;\n        }\n}\n\ntesthumaneval();",
        EarlyExit: "exit 0;\nsub add {\n    my ($a, $b) = @_;\n    return $a + $b;\n}\n");
}
