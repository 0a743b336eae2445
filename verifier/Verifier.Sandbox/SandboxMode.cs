namespace Verifier.Sandbox;

/// <summary>How containers are shared between submissions.</summary>
public enum SandboxMode
{
    /// <summary>
    /// The default. A container serves submissions of one isolation key (tenant/batch) one at a time, up to
    /// <see cref="SandboxOptions.FastReuseLimit"/> of them; between two submissions every process is killed and the
    /// writable filesystems and IPC are wiped and checked empty, else the container is thrown away.
    /// </summary>
    Fast,

    /// <summary>A fresh container per submission (taken pre-started from the warm pool), removed afterwards.</summary>
    Strict,
}
