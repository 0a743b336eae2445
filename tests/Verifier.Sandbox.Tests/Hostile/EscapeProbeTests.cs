using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Hostile;

/// <summary>Programs that look for a way out: the network, the engine, the host, secrets, root. Each prints what it found.</summary>
[Collection(SandboxCollection.Name)]
public class EscapeProbeTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    private async Task AssertPrintsAsync(string code, string expected)
    {
        var verdict = await _sandbox.VerifyAsync(Python(code, Prints(expected)));
        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, $"{verdict.Verdict}: {verdict.Reason}; printed {verdict.Tests.FirstOrDefault()?.Output}; stderr {verdict.Tests.FirstOrDefault()?.Stderr}");
    }

    [Fact]
    public Task NetworkProbe_FindsOnlyLoopbackAndNoRoute() => AssertPrintsAsync(
        "import os, socket\n" +
        "print(sorted(os.listdir('/sys/class/net')))\n" +
        "for host, port in (('1.1.1.1', 53), ('8.8.8.8', 443), ('172.17.0.1', 2375), ('10.0.0.1', 80)):\n" +
        "    try:\n" +
        "        socket.create_connection((host, port), timeout=0.5)\n" +
        "        print('connected', host)\n" +
        "    except OSError:\n" +
        "        pass\n" +
        "try:\n" +
        "    socket.getaddrinfo('example.com', 80)\n" +
        "    print('dns')\n" +
        "except OSError:\n" +
        "    pass\n" +
        "print('done')\n",
        "['lo']\ndone");

    [Fact]
    public Task DockerSocketProbe_FindsNoEngine() => AssertPrintsAsync(
        "import os\n" +
        "found = [p for p in ('/var/run/docker.sock', '/run/docker.sock', '/var/run/containerd/containerd.sock', '/run/containerd/containerd.sock') if os.path.exists(p)]\n" +
        "for top in ('/var', '/run', '/tmp', '/etc', '/usr', '/opt', '/srv', '/mnt', '/home', '/root'):\n" +
        "    for root, dirs, files in os.walk(top):\n" +
        "        found += [os.path.join(root, f) for f in files if f.endswith('.sock')]\n" +
        "print(found)\n",
        "[]");

    [Fact]
    public Task HostPathProbe_FindsNoHostMountsAndAReadOnlyRoot() => AssertPrintsAsync(
        "import os\n" +
        "print([p for p in ('/work', '/root/.nuget', '/var/lib/docker', '/home') if os.path.exists(p) and os.listdir(p)])\n" +
        "mounts = [line.split()[4] for line in open('/proc/self/mountinfo')]\n" +
        "allowed = {'/', '/proc', '/dev', '/dev/pts', '/sys', '/dev/mqueue', '/dev/shm', '/tmp', '/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/dev/console', '/run/verifier-channel'}\n" +
        "print([m for m in mounts if m not in allowed and not m.startswith(('/sys/', '/proc/'))])\n" +
        "try:\n" +
        "    open('/usr/bin/evil', 'w')\n" +
        "    print('root is writable')\n" +
        "except OSError:\n" +
        "    print('read-only')\n",
        "[]\n[]\nread-only");

    [Fact]
    public Task ChannelProbe_CannotReachTheSupervisorsSocketNorWriteToTheHost() => AssertPrintsAsync(
        "import os, socket\n" +
        "d = '/run/verifier-channel'\n" +
        "try:\n" +
        "    print(os.listdir(d))\n" +
        "except PermissionError:\n" +
        "    print('unlistable')\n" +
        "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n" +
        "try:\n" +
        "    s.connect(d + '/sock')\n" +
        "    print('connected')\n" +
        "except OSError as e:\n" +
        "    print('refused')\n" +
        "for attempt in (lambda: open(d + '/x', 'w'), lambda: s.bind(d + '/sock'), lambda: os.mkdir(d + '/y')):\n" +
        "    try:\n" +
        "        attempt()\n" +
        "        print('wrote to the host')\n" +
        "    except OSError:\n" +
        "        pass\n" +
        "s.close()\n" +
        "print(sorted(int(fd) for fd in os.listdir('/proc/self/fd')))  # 3 is listdir's own\n",
        "unlistable\nrefused\n[0, 1, 2, 3]");

    [Fact]
    public Task SecretProbe_FindsAMinimalEnvironmentAndUnreadableSupervisor() => AssertPrintsAsync(
        "import os\n" +
        "print(sorted(os.environ))\n" +
        "for path in ('/proc/1/environ', '/proc/1/mem', '/proc/1/fd/0'):\n" +
        "    try:\n" +
        "        open(path, 'rb').read(1)\n" +
        "        print('read', path)\n" +
        "    except OSError:\n" +
        "        pass\n" +
        "print('done')\n",
        "['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONHASHSEED', 'TMPDIR']\ndone");

    [Fact]
    public Task RootProbe_FindsNoPrivilege() => AssertPrintsAsync(
        "import os\n" +
        "status = dict(line.split(':\\t', 1) for line in open('/proc/self/status').read().splitlines() if ':\\t' in line)\n" +
        "print(os.getuid() != 0, os.geteuid() != 0, os.getgid() != 0)\n" +
        "print(status['CapEff'].strip(), status['CapPrm'].strip(), status['CapBnd'].strip(), status['NoNewPrivs'].strip())\n" +
        "for attempt in (lambda: os.setuid(0), lambda: os.setgid(0), lambda: os.chown('/tmp', 0, 0), lambda: os.mknod('/tmp/x', 0o600 | 0o060000, os.makedev(8, 0))):\n" +
        "    try:\n" +
        "        attempt()\n" +
        "        print('escalated')\n" +
        "    except OSError:\n" +
        "        pass\n" +
        "print('done')\n",
        "True True True\n0000000000000000 0000000000000000 0000000000000000 1\ndone");

    [Fact]
    public Task PtraceProbe_CannotAttachToTheSupervisor() => AssertPrintsAsync(
        "import ctypes\n" +
        "libc = ctypes.CDLL(None, use_errno=True)\n" +
        "PTRACE_ATTACH = 16\n" +
        "print(libc.ptrace(PTRACE_ATTACH, 1, None, None), ctypes.get_errno() != 0)\n",
        "-1 True");
}
