using System.ComponentModel.DataAnnotations;

namespace Verifier.Sandbox;

/// <summary>The sandbox's configuration, bound from the <c>Sandbox</c> section and validated at start.</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>The Docker engine: <c>unix:///var/run/docker.sock</c>, or <c>tcp://host:2376</c>.</summary>
    [Required]
    public string DockerEndpoint { get; set; } = "unix:///var/run/docker.sock";

    /// <summary>
    /// For a remote engine over TLS (<c>tcp://host:2376</c>): a folder holding <c>ca.pem</c>, <c>cert.pem</c> and
    /// <c>key.pem</c>, as Docker's own DOCKER_CERT_PATH does. The engine must present a certificate signed by that CA,
    /// and the verifier authenticates with its client certificate.
    /// </summary>
    public string? TlsCertPath { get; set; }

    /// <summary>
    /// Several engines (a fleet) instead of the one <see cref="DockerEndpoint"/> names: each submission goes to the engine
    /// with the most free capacity that serves its language, each engine keeps its own warm pool, and an engine that
    /// stops answering is taken out of rotation (its submissions rerun on another) until it answers again. Empty: the
    /// one engine of <see cref="DockerEndpoint"/>, <see cref="TlsCertPath"/>, <see cref="Runtime"/> and <see cref="Channel"/>.
    /// </summary>
    public List<EngineOptions> Engines { get; set; } = [];

    /// <summary>How often each engine is pinged; one that does not answer within the interval is out of rotation until it does.</summary>
    [Range(100, 600_000)]
    public int EngineHealthIntervalMs { get; set; } = 2_000;

    /// <summary>The engine API version to speak (1.41 is Docker 20.10); empty to negotiate.</summary>
    public string? DockerApiVersion { get; set; } = "1.41";

    /// <summary>
    /// Labels this verifier's containers; at start-up, containers with the same name left by a crashed predecessor are
    /// removed. Verifiers sharing one engine need distinct names.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")]
    public string InstanceName { get; set; } = "default";

    public SandboxMode Mode { get; set; } = SandboxMode.Fast;

    /// <summary>
    /// How the verifier talks to each container's supervisor. <c>Socket</c>: a Unix socket in a per-container
    /// directory mounted read-only into that container, so no submission byte passes through the engine (the fast
    /// path; the engine must run on this host, and <see cref="ChannelDirectory"/> must be the same path for the
    /// verifier and the engine). <c>Attach</c>: the container's attach stream, through the engine (a remote engine).
    /// <c>Auto</c> (the default): Socket for a unix:// engine, else Attach.
    /// </summary>
    public SupervisorTransportKind Channel { get; set; } = SupervisorTransportKind.Auto;

    /// <summary>
    /// Socket channel: the folder that holds the per-container socket directories (default: the temp folder). When
    /// the verifier itself runs in a container, a volume (<see cref="ChannelVolume"/>, as docker/docker-compose.yml
    /// does) or a host folder mounted at the same path.
    /// </summary>
    public string? ChannelDirectory { get; set; }

    /// <summary>
    /// Socket channel, for a verifier that runs in a container: the named volume mounted at
    /// <see cref="ChannelDirectory"/>, whose folder on the engine's host the sandbox containers mount from.
    /// </summary>
    public string? ChannelVolume { get; set; }

    /// <summary>
    /// The OCI runtime containers run under. <c>auto</c>: crun when the engine has it registered (measured here:
    /// ~100 ms less CPU per container than runc, 1.1-1.4x strict mode's throughput), else the engine's
    /// default. A name (<c>crun</c>, <c>runc</c>) must be registered with the engine (<c>dockerd --add-runtime</c>):
    /// if it is not, the sandbox reports unhealthy and code submissions are infra errors; it never falls back.
    /// </summary>
    public string Runtime { get; set; } = "auto";

    /// <summary>
    /// Lets a runtime the sandbox refuses (one its containment suites fail on, such as runsc) be configured, to run
    /// those suites on it. Never in production: the refusal says what a submission could do there.
    /// </summary>
    public bool AllowRuntimesFailingContainment { get; set; }

    /// <summary>Pre-started containers kept ready per language, so that no request waits for a container to start.</summary>
    [Range(0, 64)]
    public int WarmContainers { get; set; } = 2;

    /// <summary>Submissions running at once (each in its own container); 0 means twice the processor count.</summary>
    [Range(0, 1024)]
    public int MaxConcurrentRuns { get; set; }

    /// <summary>
    /// Runs one tenant (the isolation key up to its first <c>/</c>) may hold at once; 0 means all of them. Either way a
    /// freed run slot goes round-robin to the tenants waiting, not first come first served, so one tenant's queue of
    /// slow programs cannot hold every other tenant's items past their deadline; a cap below the total also keeps
    /// slots free for others at all times, at the cost of a lone tenant's throughput.
    /// </summary>
    [Range(0, 4096)]
    public int MaxConcurrentRunsPerTenant { get; set; }

    /// <summary>Warm containers started at once in the background (strict mode's throughput follows it).</summary>
    [Range(1, 64)]
    public int ParallelStarts { get; set; } = 4;

    /// <summary>Containers alive at once: running, idle (fast mode) and warm.</summary>
    [Range(1, 4096)]
    public int MaxContainers { get; set; } = 64;

    /// <summary>
    /// Fast mode: submissions one container serves before it is thrown away. Cleanliness is checked after every
    /// submission, so this only bounds what no check sees (the supervisor's own heap grows ~0.3 KB per submission);
    /// each replacement costs a container start (~0.2 CPU-s), which at 64 was 10-20 % of one-test Python's CPU.
    /// </summary>
    [Range(1, 100_000)]
    public int FastReuseLimit { get; set; } = 1024;

    /// <summary>Fast mode: how long an idle container waits for the next submission of its isolation key.</summary>
    [Range(0, 3_600_000)]
    public int FastIdleMs { get; set; } = 10_000;

    /// <summary>
    /// Fast mode: submissions of one isolation key (one request) running at once, so at most this many containers
    /// serve a batch and its items reuse them back to back; 0 means the processor count (at least 2).
    /// </summary>
    [Range(0, 1024)]
    public int FastContainersPerKey { get; set; }

    [Range(1, 600_000)]
    public int DefaultTimeMs { get; set; } = 2_000;

    [Range(1, 600_000)]
    public int MaxTimeMs { get; set; } = 20_000;

    [Range(32, 65_536)]
    public int DefaultMemoryMb { get; set; } = 256;

    /// <summary>Smaller limits cannot be judged: spawning a process from the supervisor already shows about 14 MB peak.</summary>
    [Range(32, 65_536)]
    public int MinMemoryMb { get; set; } = 32;

    [Range(32, 65_536)]
    public int MaxMemoryMb { get; set; } = 2_048;

    /// <summary>Wall-time limit = time limit x factor + grace (a sleeping program is stopped by this).</summary>
    [Range(1.0, 100.0)]
    public double WallTimeFactor { get; set; } = 2.0;

    [Range(0, 600_000)]
    public int WallTimeGraceMs { get; set; } = 500;

    /// <summary>Stdout (and stderr) a test may write; more is <c>output_limit</c>. Enforced while reading.</summary>
    [Range(1, 1_048_576)]
    public int OutputLimitKb { get; set; } = 1_024;

    [Range(0, 1_048_576)]
    public int StderrExcerptBytes { get; set; } = 2_048;

    [Range(1, 100_000)]
    public int MaxTests { get; set; } = 1_000;

    [Range(1, 65_536)]
    public int MaxCodeKb { get; set; } = 512;

    /// <summary>All stdin, arguments and test code of one submission.</summary>
    [Range(1, 4_096)]
    public int MaxTestDataMb { get; set; } = 64;

    /// <summary>Extra files (<c>files</c>) one submission may bring into its working directory.</summary>
    [Range(0, 1_000)]
    public int MaxFiles { get; set; } = 64;

    /// <summary>The extra files' bytes together; they live on the container's tmpfs, inside its memory.</summary>
    [Range(0, 65_536)]
    public int MaxFilesKb { get; set; } = 8_192;

    /// <summary>Paths one submission may ask back (<c>fetchFiles</c>).</summary>
    [Range(0, 256)]
    public int MaxFetchFiles { get; set; } = 16;

    /// <summary>Bytes read of one fetched file; a larger one comes back truncated.</summary>
    [Range(0, 65_536)]
    public int FetchFileKb { get; set; } = 256;

    /// <summary>Bytes read of all fetched files of one submission together; paths past it come back <c>over_limit</c>.</summary>
    [Range(0, 262_144)]
    public int FetchTotalKb { get; set; } = 1_024;

    [Range(100, 600_000)]
    public int CompileTimeMs { get; set; } = 30_000;

    /// <summary>
    /// Wall time all of one submission's tests may take together (its compilation aside). A test starts only while
    /// the budget lasts; a submission that spends it gets <c>time_limit</c> for the tests left, so a slow submission is
    /// charged its own verdict and an item's longest run is known in advance (<see cref="MaxItemRunTime"/>).
    /// </summary>
    [Range(1_000, 3_600_000)]
    public int ItemTimeBudgetMs { get; set; } = 120_000;

    /// <summary>
    /// What one item's outputs may hold together while they wait for its custom checker (kept in the verifier's
    /// memory): past it, the test that went over is <c>output_limit</c>.
    /// </summary>
    [Range(1, 4_096)]
    public int CheckedOutputsMb { get; set; } = 64;

    /// <summary>The largest file a program may write (RLIMIT_FSIZE).</summary>
    [Range(1, 65_536)]
    public int FileSizeMb { get; set; } = 16;

    /// <summary>The container's only writable disk: a tmpfs on /tmp, counted in its memory.</summary>
    [Range(1, 65_536)]
    public int TmpfsMb { get; set; } = 128;

    [Range(1, 65_536)]
    public int ShmMb { get; set; } = 16;

    [Range(8, 65_536)]
    public int PidsLimit { get; set; } = 128;

    [Range(16, 1_048_576)]
    public int OpenFilesLimit { get; set; } = 256;

    /// <summary>CPUs a container may use.</summary>
    [Range(0.1, 1_024)]
    public double Cpus { get; set; } = 1.0;

    /// <summary>The unprivileged uid:gid everything in a container runs as.</summary>
    [Required]
    [RegularExpression("^[1-9][0-9]*:[1-9][0-9]*$")]
    public string User { get; set; } = "10001:10001";

    /// <summary>Relative/absolute tolerance for numbers in io output and function results.</summary>
    [Range(0.0, 1.0)]
    public double NumericTolerance { get; set; } = 1e-6;

    [Range(1_000, 600_000)]
    public int ContainerStartTimeoutMs { get; set; } = 60_000;

    /// <summary>A supervisor that hears nothing this long exits (and its container is removed): the backstop when a verifier dies.</summary>
    [Range(60, 604_800)]
    public int ContainerIdleExitSeconds { get; set; } = 3_600;

    /// <summary>The in-verifier Roslyn compiler of C# submissions.</summary>
    public CSharpCompilerOptions CSharp { get; set; } = new();

    /// <summary>Per-language settings keyed by language name (<c>python</c>, <c>cpp</c>); languages not listed use their defaults.</summary>
    public Dictionary<string, SandboxLanguageOptions> Languages { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The engines to use: <see cref="Engines"/>, or the one engine the single-engine settings describe.</summary>
    internal IReadOnlyList<EngineOptions> EffectiveEngines => Engines.Count > 0
        ? Engines
        : [new EngineOptions { Name = SingleEngineName, Endpoint = DockerEndpoint, TlsCertPath = TlsCertPath, Runtime = Runtime, Channel = Channel }];

    /// <summary>What the one engine of the single-engine settings is called in metrics and health.</summary>
    internal const string SingleEngineName = "default";

    /// <summary>The engine this copy of the options drives (see <see cref="ForEngine"/>).</summary>
    internal string EngineName { get; private set; } = SingleEngineName;

    /// <summary>
    /// These options as one engine's pool sees them: its endpoint, certificates, runtime and channel, and its capacity as
    /// the run slots. Everything else (limits, warm counts, MaxContainers) applies to each engine alike.
    /// </summary>
    internal SandboxOptions ForEngine(EngineOptions engine)
    {
        var copy = (SandboxOptions)MemberwiseClone();
        copy.DockerEndpoint = engine.Endpoint;
        copy.TlsCertPath = engine.TlsCertPath;
        copy.Runtime = engine.Runtime;
        copy.Channel = engine.Channel;
        copy.MaxConcurrentRuns = engine.Capacity > 0 ? engine.Capacity : EffectiveMaxConcurrentRuns;
        copy.Engines = [];
        copy.EngineName = engine.Name;
        return copy;
    }

    internal int EffectiveMaxConcurrentRuns => MaxConcurrentRuns > 0 ? MaxConcurrentRuns : 2 * Environment.ProcessorCount;

    internal int EffectiveMaxConcurrentRunsPerTenant => MaxConcurrentRunsPerTenant > 0
        ? Math.Min(MaxConcurrentRunsPerTenant, EffectiveMaxConcurrentRuns)
        : EffectiveMaxConcurrentRuns;

    /// <summary>
    /// The longest one item can run once it has its container: the compilation, the tests' budget, the one test that
    /// may start just before the budget ends, and the verifier's per-exchange allowance; twice, because a custom
    /// checker then runs the same course in a container of its own (its compilation, and its checks under a budget of
    /// the same size). Callers that hold an item to a deadline derive it from this, counted from when the item starts
    /// running, never from when it was queued: a deadline shorter than this could turn a slow checker's or a slow
    /// candidate's own verdict into the service's <c>timeout</c>.
    /// </summary>
    public TimeSpan MaxItemRunTime => TimeSpan.FromMilliseconds(2 * MaxRunOfOneProgram);

    /// <summary>One program's course (the candidate's, or a custom checker's): its compilation, its budget, the last test, the allowances.</summary>
    private double MaxRunOfOneProgram => WallMsFor(CompileTimeMs) + ItemTimeBudgetMs + WallMsFor(MaxTimeMs) + (3 * ExchangeAllowanceMs);

    /// <summary>The wall-time limit for a CPU-time limit: time x <see cref="WallTimeFactor"/> + <see cref="WallTimeGraceMs"/>.</summary>
    internal double WallMsFor(int cpuMs) => (cpuMs * WallTimeFactor) + WallTimeGraceMs;

    /// <summary>What the verifier adds to a test's wall limit before it declares the supervisor lost.</summary>
    internal const int ExchangeAllowanceMs = 10_000;

    internal bool UsesSocketChannel => Channel == SupervisorTransportKind.Socket
        || (Channel == SupervisorTransportKind.Auto
            && (DockerEndpoint.StartsWith("unix://", StringComparison.OrdinalIgnoreCase) || Engine.Oci.OciEndpoint.Is(DockerEndpoint)));

    internal string EffectiveChannelDirectory => string.IsNullOrEmpty(ChannelDirectory) ? Path.GetTempPath() : ChannelDirectory;

    internal int EffectiveFastContainersPerKey => FastContainersPerKey > 0 ? FastContainersPerKey : Math.Max(2, Environment.ProcessorCount);
}

public sealed class SandboxLanguageOptions
{
    /// <summary>The image, overriding the language's default (e.g. <c>registry.example.com/verifier-sandbox-python:2</c>).</summary>
    public string? Image { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>The toolchain version to report, when the image differs from the default one (e.g. <c>3.12</c>).</summary>
    public string? Version { get; set; }

    /// <summary>Overrides <see cref="SandboxOptions.WarmContainers"/> for this language.</summary>
    [Range(0, 64)]
    public int? WarmContainers { get; set; }
}

/// <summary>The budget of one C# compilation, which runs in the verifier (Roslyn), not in the sandbox.</summary>
public sealed class CSharpCompilerOptions
{
    /// <summary>Wall time of one compilation, waiting for a compiler slot excluded.</summary>
    public int CompileTimeMs { get; set; } = 10_000;

    /// <summary>The largest assembly a compilation may emit.</summary>
    public int MaxAssemblyKb { get; set; } = 4_096;

    /// <summary>Compilations at once (each in a compiler worker process of its own); 0 means one per CPU.</summary>
    public int MaxConcurrentCompilations { get; set; }

    /// <summary>
    /// Compilations of one tenant (the isolation key up to its first <c>/</c>) at once; 0 means all slots but one, so
    /// one tenant's compiler bombs always leave a slot to the others.
    /// </summary>
    public int MaxConcurrentCompilationsPerTenant { get; set; }

    internal int EffectiveMaxConcurrentCompilations => MaxConcurrentCompilations > 0 ? MaxConcurrentCompilations : Environment.ProcessorCount;

    internal int EffectiveMaxConcurrentCompilationsPerTenant => MaxConcurrentCompilationsPerTenant > 0
        ? Math.Min(MaxConcurrentCompilationsPerTenant, EffectiveMaxConcurrentCompilations)
        : Math.Max(1, EffectiveMaxConcurrentCompilations - 1);
}
