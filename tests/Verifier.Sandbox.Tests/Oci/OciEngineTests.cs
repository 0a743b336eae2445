using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Core.Code;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Engine.Oci;
using Verifier.Sandbox.Execution;
using Verifier.Sandbox.Execution.Transport;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Tests.Configuration;
using Verifier.Sandbox.Tests.Infrastructure;

namespace Verifier.Sandbox.Tests.Oci;

/// <summary>
/// The oci:// engine's containers on the real crun: each one's bundle, runtime record and cgroup go with it, whether
/// it is removed, ends by itself, never starts, or outlives the run that started it (a verifier killed), in which
/// case the next engine finds it by its labels and removes it.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class OciEngineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static SandboxOptions Options() => new() { DockerEndpoint = OciEnvironment.Endpoint, InstanceName = "oci-test-" + Guid.NewGuid().ToString("N")[..10] };

    private static RegisteredLanguage Python()
    {
        using var provider = SandboxOptionsTests.Build([]);
        Assert.True(provider.GetRequiredService<LanguageRegistry>().TryGet("python", out var python));
        return python;
    }

    private static Docker.DotNet.Models.CreateContainerParameters Spec(SandboxOptions options, string channelDirectory) =>
        ContainerSpec.Build(options, "crun", Python(), ContainerSpec.RunMemoryBytes(64), TimeProvider.System, channelDirectory);

    private static async Task AssertGoneAsync(string id)
    {
        var deadline = Stopwatch.StartNew();
        while ((Directory.Exists(OciEnvironment.Bundle(id)) || await OciEnvironment.StateAsync(id) is not null || OciEnvironment.CgroupExists(id))
            && deadline.Elapsed < Patience)
        {
            await Task.Delay(50);
        }

        Assert.False(Directory.Exists(OciEnvironment.Bundle(id)), "the bundle is left");
        Assert.Null(await OciEnvironment.StateAsync(id));
        Assert.False(OciEnvironment.CgroupExists(id), "the cgroup is left");
    }

    [Fact]
    public async Task AContainerWhoseSupervisorEnds_IsDeletedWithItsBundle()
    {
        await OciEnvironment.EnsureReadyAsync();
        var options = Options();
        using var engine = new OciEngine(options);
        // A channel folder with nobody listening: the supervisor cannot connect and exits, ending its container.
        var silent = Directory.CreateTempSubdirectory("vsb-silent-").FullName;
        try
        {
            var id = await engine.CreateAsync(Spec(options, silent), CancellationToken.None);
            await engine.StartAsync(id, CancellationToken.None);

            await AssertGoneAsync(id);
            Assert.Empty(await engine.ListAsync(ContainerLabels.Instance, options.InstanceName, CancellationToken.None));
        }
        finally
        {
            Directory.Delete(silent, recursive: true);
        }
    }

    [Fact]
    public async Task AContainerTheRuntimeRefuses_FailsItsStartWithTheRuntimesWords_AndLeavesNothing()
    {
        await OciEnvironment.EnsureReadyAsync();
        var options = Options();
        using var engine = new OciEngine(options);
        var missing = "/nonexistent/vsb-" + Guid.NewGuid().ToString("N")[..8];
        var id = await engine.CreateAsync(Spec(options, missing), CancellationToken.None);

        var started = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => engine.StartAsync(id, CancellationToken.None));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"the failure took {started.Elapsed}");
        Assert.Contains("did not start", error.Message, StringComparison.Ordinal);
        Assert.Contains("vsb-", error.Message, StringComparison.Ordinal);
        await AssertGoneAsync(id);
    }

    [Fact]
    public async Task AContainerCreatedAndNeverStarted_IsListedByItsLabels_AndRemoved()
    {
        await OciEnvironment.EnsureReadyAsync();
        var options = Options();
        using var engine = new OciEngine(options);
        var id = await engine.CreateAsync(Spec(options, Path.GetTempPath()), CancellationToken.None);

        Assert.Equal([id], await engine.ListAsync(ContainerLabels.Instance, options.InstanceName, CancellationToken.None));
        await engine.RemoveAsync(id, CancellationToken.None);

        await AssertGoneAsync(id);
        Assert.Empty(await engine.ListAsync(ContainerLabels.Instance, options.InstanceName, CancellationToken.None));
    }

    [Fact]
    public async Task AnImageNotUnpacked_IsRefusedNamingTheExportScript()
    {
        await OciEnvironment.EnsureReadyAsync();
        var options = Options();
        using var engine = new OciEngine(options);
        var spec = Spec(options, Path.GetTempPath());
        spec.Image = "verifier-sandbox-absent:1";

        Assert.False(await engine.ImageExistsAsync(spec.Image, CancellationToken.None));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => engine.CreateAsync(spec, CancellationToken.None));
        Assert.Contains("docker/export-oci-images.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AContainerThatOutlivesItsRun_IsFoundByTheNextEngine_AndRemovedWithEveryProcess()
    {
        await OciEnvironment.EnsureReadyAsync();
        var options = Options();
        using var first = new OciEngine(options);
        using var sockets = await SupervisorSocketRoot.CreateAsync(first, options, CancellationToken.None);
        using var container = await ConnectedAsync(first, sockets, options);
        var supervisor = await PidAsync(container.Id);

        // The verifier dies: the runtime's run under it is killed; the supervisor, still connected, lives on.
        var run = ParentOf(supervisor);
        Process.GetProcessById(run).Kill();
        await Task.Delay(500);
        Assert.True(Running(supervisor), "the supervisor ended with its run");
        Assert.True(Directory.Exists(OciEnvironment.Bundle(container.Id)), "the bundle went while the container runs");

        using var next = new OciEngine(options);
        var leftovers = await next.ListAsync(ContainerLabels.Instance, options.InstanceName, CancellationToken.None);
        Assert.Equal([container.Id], leftovers);
        await next.RemoveAsync(container.Id, CancellationToken.None);

        await AssertGoneAsync(container.Id);
        Assert.False(Running(supervisor), "the supervisor survived its container's removal");
    }

    [Fact]
    public async Task WhatARunKilledMidDeletionLeaves_IsSweptByTheNextHealthCheck()
    {
        await OciEnvironment.EnsureReadyAsync();
        var options = Options();
        using var engine = new OciEngine(options);
        using var sockets = await SupervisorSocketRoot.CreateAsync(engine, options, CancellationToken.None);
        using var live = await ConnectedAsync(engine, sockets, options);
        using var unreadable = await ConnectedAsync(engine, sockets, options);
        var livePid = await PidAsync(live.Id);
        var deadPid = await PidAsync(unreadable.Id);

        // Both runs killed mid-way: one container still running with no bundle; the other ended, its runtime record
        // unreadable (its copy of the configuration gone, as a concurrent delete was seen to leave it).
        foreach (var pid in new[] { livePid, deadPid })
        {
            Process.GetProcessById(ParentOf(pid)).Kill();
        }

        await Task.Delay(300);
        Process.GetProcessById(deadPid).Kill();
        File.Delete(Path.Combine(OciEnvironment.Folder, "state", "crun", unreadable.Id, "config.json"));
        Directory.Delete(OciEnvironment.Bundle(live.Id), recursive: true);
        Directory.Delete(OciEnvironment.Bundle(unreadable.Id), recursive: true);
        Assert.Contains(live.Id, OciEnvironment.Orphans());
        Assert.Contains(unreadable.Id, OciEnvironment.Orphans());

        await engine.PingAsync(CancellationToken.None);

        await AssertGoneAsync(live.Id);
        await AssertGoneAsync(unreadable.Id);
        Assert.False(Running(livePid), "the orphan's supervisor still runs");
    }

    /// <summary>A Python container whose supervisor is connected to the test (so it stays up until the test lets it go).</summary>
    private static Task<SandboxContainer> ConnectedAsync(OciEngine engine, SupervisorSocketRoot sockets, SandboxOptions options) =>
        SandboxContainer.StartAsync(engine, sockets, options, "crun", Python(), ContainerSpec.RunMemoryBytes(64), TimeProvider.System, CancellationToken.None);

    /// <summary>The container's first process (its supervisor), as the runtime records it.</summary>
    private static async Task<int> PidAsync(string id) =>
        JsonNode.Parse(await OciEnvironment.StateAsync(id) ?? throw new InvalidOperationException("no state"))!["pid"]!.GetValue<int>();

    [Fact]
    public async Task StrictMode_RemovesEachSubmissionsContainer_WithWhatTheSubmissionLeftRunning_AndNoRecordOfIt()
    {
        await OciEnvironment.EnsureReadyAsync();
        var marker = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        string[] ids;
        await using (var host = await SandboxHost.StartAsync(o =>
        {
            o.DockerEndpoint = OciEnvironment.Endpoint;
            o.Mode = SandboxMode.Strict;
        }))
        {
            // A daemon in its own session, which nothing of the submission waits for; 24 of them, 8 at a time, so that
            // removals overlap starts and each other.
            var code = $"import subprocess\nsubprocess.Popen(['sleep', '{marker}'], start_new_session=True)\nprint(int(input()) * 2)\n";
            using var eight = new SemaphoreSlim(8);
            var verdicts = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
            {
                await eight.WaitAsync();
                try
                {
                    return await host.Sandbox.VerifyAsync(Requests.Python(code, Requests.Io(("21\n", "42\n"))));
                }
                finally
                {
                    eight.Release();
                }
            }));
            Assert.All(verdicts, v => Assert.Equal(CodeVerdictKind.Accepted, v.Verdict));
            ids = [.. await host.ContainersAsync()];
        }

        foreach (var id in ids)
        {
            await AssertGoneAsync(id);
        }

        Assert.DoesNotContain(Directory.EnumerateDirectories("/proc"), p => CommandLine(p).Contains($"sleep\0{marker}", StringComparison.Ordinal));
        Assert.Empty(OciEnvironment.Orphans());
    }

    private static int ParentOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Alive and not a zombie waiting for a reaper.</summary>
    private static bool Running(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string CommandLine(string procFolder)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procFolder, "cmdline"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
