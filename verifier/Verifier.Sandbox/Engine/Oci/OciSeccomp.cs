using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Verifier.Sandbox.Engine.Oci;

/// <summary>
/// The system-call filter of a container the sandbox starts on the runtime directly (Docker applies its own default
/// profile; without an engine the sandbox brings one). Everything is allowed but the calls that reach past the
/// container: kernel modules and keyrings, mounts and new namespaces, other processes' memory, the clock, BPF,
/// perf and io_uring (whose operations bypass this filter). The container has no capabilities and no new privileges
/// already, so most of these fail anyway: the filter is the second wall, and it closes unprivileged paths (user
/// namespaces, userfaultfd, io_uring) the capabilities do not.
/// </summary>
internal static class OciSeccomp
{
    private const int EPERM = 1;
    private const int ENOSYS = 38;

    private static readonly string[] Denied =
    [
        "acct", "add_key", "bpf", "clock_adjtime", "clock_settime", "create_module", "delete_module", "finit_module",
        "fsconfig", "fsmount", "fsopen", "fspick", "get_kernel_syms", "init_module", "io_uring_enter",
        "io_uring_register", "io_uring_setup", "ioperm", "iopl", "kcmp", "kexec_file_load", "kexec_load", "keyctl",
        "lookup_dcookie", "mount", "mount_setattr", "move_mount", "name_to_handle_at", "nfsservctl",
        "open_by_handle_at", "open_tree", "perf_event_open", "pivot_root", "process_vm_readv", "process_vm_writev",
        "ptrace", "query_module", "quotactl", "quotactl_fd", "reboot", "request_key", "setns", "settimeofday",
        "swapoff", "swapon", "syslog", "_sysctl", "umount2", "unshare", "uselib", "userfaultfd", "ustat", "vhangup",
    ];

    /// <summary>clone's flags that make a new namespace: refused one by one (a rule's conditions are all ANDed).</summary>
    private static readonly long[] NamespaceFlags =
    [
        0x00000080, // CLONE_NEWTIME
        0x00020000, // CLONE_NEWNS
        0x02000000, // CLONE_NEWCGROUP
        0x04000000, // CLONE_NEWUTS
        0x08000000, // CLONE_NEWIPC
        0x10000000, // CLONE_NEWUSER
        0x20000000, // CLONE_NEWPID
        0x40000000, // CLONE_NEWNET
    ];

    public static JsonObject Profile()
    {
        var rules = new JsonArray
        {
            Rule(Denied, EPERM),
            // clone3 takes its flags in a struct a filter cannot read: "not implemented" makes the C library fall back
            // to clone, whose flags it can.
            Rule(["clone3"], ENOSYS),
        };
        foreach (var flag in NamespaceFlags)
        {
            var rule = Rule(["clone"], EPERM);
            rule["args"] = new JsonArray { new JsonObject { ["index"] = 0, ["value"] = flag, ["valueTwo"] = flag, ["op"] = "SCMP_CMP_MASKED_EQ" } };
            rules.Add(rule);
        }

        return new JsonObject
        {
            ["defaultAction"] = "SCMP_ACT_ALLOW",
            ["architectures"] = Architectures(),
            ["syscalls"] = rules,
        };
    }

    private static JsonObject Rule(IEnumerable<string> names, int errno) => new()
    {
        ["names"] = new JsonArray([.. names.Select(n => (JsonNode)n)]),
        ["action"] = "SCMP_ACT_ERRNO",
        ["errnoRet"] = errno,
    };

    /// <summary>The native architecture and the ones its processes can also call the kernel as (so the rules hold there too).</summary>
    private static JsonArray Architectures() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
        Architecture.Arm64 => ["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"],
        var other => throw new PlatformNotSupportedException($"the OCI engine has no system-call filter for {other}"),
    };
}
