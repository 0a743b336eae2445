using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;

namespace Verifier.Sandbox.Tests.Oci;

/// <summary>
/// The containment of an oci:// container, seen from the program inside it: no capabilities, no new privileges,
/// the system-call filter on, its own uid, and every call that reaches past the container refused by the filter
/// (new user namespaces, io_uring, keyrings, ptrace and the rest), which Docker's default profile refuses too. The
/// verdict, adversarial and isolation suites run on this engine as well (test.sh's oci pass).
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class OciContainmentTests
{
    private const string Probe = """
        import ctypes, errno, os, platform
        libc = ctypes.CDLL(None, use_errno=True)
        numbers = {
            'x86_64': {'io_uring_setup': 425, 'keyctl': 250, 'bpf': 321, 'perf_event_open': 298, 'userfaultfd': 323,
                       'clone3': 435, 'kexec_load': 246, 'init_module': 175, 'pivot_root': 155, 'process_vm_readv': 310},
            'aarch64': {'io_uring_setup': 425, 'keyctl': 219, 'bpf': 280, 'perf_event_open': 241, 'userfaultfd': 282,
                        'clone3': 435, 'kexec_load': 104, 'init_module': 105, 'pivot_root': 41, 'process_vm_readv': 270},
        }[platform.machine()]

        def call(function, *arguments):
            ctypes.set_errno(0)
            if function(*arguments) != -1:
                return 'allowed'
            code = ctypes.get_errno()
            return errno.errorcode.get(code, str(code))

        seen = {
            'unshare user': call(libc.unshare, 0x10000000),
            'unshare mount': call(libc.unshare, 0x00020000),
            'mount': call(libc.mount, b'none', b'/tmp', b'tmpfs', 0, None),
            'ptrace': call(libc.ptrace, 0, 0, None, None),
        }
        for name, number in numbers.items():
            seen[name] = call(libc.syscall, number, 0, 0, 0, 0, 0)
        status = dict(line.split(':\t', 1) for line in open('/proc/self/status').read().splitlines() if ':\t' in line)
        for field in ('CapEff', 'CapPrm', 'NoNewPrivs', 'Seccomp'):
            seen[field] = status[field].strip()
        seen['uid'] = os.getuid()
        for name in sorted(seen):
            print(name, seen[name])
        """;

    private const string Expected = """
        CapEff 0000000000000000
        CapPrm 0000000000000000
        NoNewPrivs 1
        Seccomp 2
        bpf EPERM
        clone3 ENOSYS
        init_module EPERM
        io_uring_setup EPERM
        kexec_load EPERM
        keyctl EPERM
        mount EPERM
        perf_event_open EPERM
        pivot_root EPERM
        process_vm_readv EPERM
        ptrace EPERM
        uid 10001
        unshare mount EPERM
        unshare user EPERM
        userfaultfd EPERM

        """;

    [Theory]
    [InlineData(SandboxMode.Fast)]
    [InlineData(SandboxMode.Strict)]
    public async Task AProgramInside_HasNoPrivilege_AndTheFilterRefusesWhatReachesPastTheContainer(SandboxMode mode)
    {
        await OciEnvironment.EnsureReadyAsync();
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.DockerEndpoint = OciEnvironment.Endpoint;
            o.Mode = mode;
        });

        var verdict = await host.Sandbox.VerifyAsync(Requests.Python(Probe, Requests.Prints(Expected.Replace("\r\n", "\n", StringComparison.Ordinal))));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, $"{verdict.Verdict}: {verdict.Reason}\n{verdict.Tests.FirstOrDefault()?.Output}");
        var health = await host.Sandbox.CheckHealthAsync();
        Assert.Equal("crun", health.Runtime);
    }
}
