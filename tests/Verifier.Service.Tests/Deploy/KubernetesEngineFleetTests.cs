using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Verifier.Sandbox;
using YamlDotNet.RepresentationModel;
using static Verifier.Service.Tests.Deploy.KubernetesManifests;

namespace Verifier.Service.Tests.Deploy;

/// <summary>
/// deploy/kubernetes/engine-fleet, offline: the engine pool and the verifiers' engine list describe the same engines,
/// every engine speaks only mutual TLS and answers only the verifiers, the verifier loses its privileged sidecar,
/// and the engine list the patch sets is one the sandbox accepts.
/// </summary>
public sealed class KubernetesEngineFleetTests
{
    private readonly KubernetesManifests _fleet = new("engine-fleet");

    private YamlMappingNode Engines => _fleet.Kind("StatefulSet");

    private YamlNode Dockerd => At(Engines, "spec.template.spec.containers[dockerd]");

    private YamlNode VerifierPatch => At(_fleet.Documents.Single(d => d.File == "verifier-uses-the-fleet.yaml").Document, "spec.template.spec");

    private IReadOnlyList<YamlMappingNode> VerifierEnv =>
        [.. ((YamlSequenceNode)At(VerifierPatch, "containers[verifier].env")).Children.OfType<YamlMappingNode>()];

    /// <summary>The app name label under a labels or selector map (its key holds dots, which paths split on).</summary>
    private static string? AppName(YamlNode node, string path) =>
        ((YamlScalarNode)((YamlMappingNode)At(node, path)).Children[new YamlScalarNode("app.kubernetes.io/name")]).Value;

    private static IEnumerable<string?> Values(YamlNode node, string path) => ((YamlSequenceNode)At(node, path)).Children.Select(n => (n as YamlScalarNode)?.Value);

    [Fact]
    public void Kustomization_BuildsOnTheBase_AndListsEveryFileOfTheVariant()
    {
        var kustomization = _fleet.Documents.Single(d => d.File == "kustomization.yaml").Document;
        var listed = Values(kustomization, "resources").Concat(((YamlSequenceNode)At(kustomization, "patches")).Children.Select(p => ValueAt(p, "path"))).ToList();
        var present = Directory.GetFiles(Path.Combine(Folder, "engine-fleet"), "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml");

        Assert.Contains("..", listed);
        Assert.Equal(present.Order(StringComparer.Ordinal), listed.Where(f => f != "..").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EngineList_NamesEachEngineOfTheStatefulSet_ByItsStableName()
    {
        var replicas = int.Parse(ValueAt(Engines, "spec.replicas")!, System.Globalization.CultureInfo.InvariantCulture);
        var service = ValueAt(Engines, "spec.serviceName");
        var headless = _fleet.Kind("Service");
        Assert.Equal(service, ValueAt(headless, "metadata.name"));
        Assert.Equal("None", ValueAt(headless, "spec.clusterIP"));
        Assert.Equal(AppName(Engines, "spec.template.metadata.labels"), AppName(headless, "spec.selector"));
        var port = ValueAt(Dockerd, "ports[docker-tls].containerPort");

        var endpoints = VerifierEnv.Where(e => ValueAt(e, "name")!.EndsWith("__Endpoint", StringComparison.Ordinal)).Select(e => ValueAt(e, "value")).ToList();
        Assert.Equal(Enumerable.Range(0, replicas).Select(i => $"tcp://{ValueAt(Engines, "metadata.name")}-{i}.{service}:{port}"), endpoints);
    }

    [Fact]
    public void Engines_SpeakOnlyMutualTls_WithTheCertificatesTheirSecretHolds()
    {
        var args = Values(Dockerd, "args").ToList();
        Assert.Contains("--tlsverify", args);
        Assert.DoesNotContain(args, a => a!.StartsWith("--host=tcp://", StringComparison.Ordinal) && !a.EndsWith(":2376", StringComparison.Ordinal));
        var certificates = ValueAt(Dockerd, "volumeMounts[engine-tls].mountPath")!;
        foreach (var flag in new[] { "--tlscacert", "--tlscert", "--tlskey" })
        {
            Assert.StartsWith($"{flag}={certificates}/", args.Single(a => a!.StartsWith(flag + "=", StringComparison.Ordinal)), StringComparison.Ordinal);
        }

        Assert.NotNull(ValueAt(Engines, "spec.template.spec.volumes[engine-tls].secret.secretName"));
        var clientCertificates = ValueAt(VerifierPatch, "containers[verifier].volumeMounts[engine-tls].mountPath");
        Assert.All(VerifierEnv.Where(e => ValueAt(e, "name")!.EndsWith("__TlsCertPath", StringComparison.Ordinal)), e => Assert.Equal(clientCertificates, ValueAt(e, "value")));
        Assert.NotNull(ValueAt(VerifierPatch, "volumes[engine-tls].secret.secretName"));
    }

    [Fact]
    public void EnginesAnswerOnlyTheVerifiers_AndTheVerifierLosesItsPrivilegedSidecar()
    {
        var policy = _fleet.Kind("NetworkPolicy");
        var from = ((YamlSequenceNode)At(policy, "spec.ingress")).Children.Single();
        Assert.Equal("verifier", AppName(((YamlSequenceNode)At(from, "from")).Children.Single(), "podSelector.matchLabels"));
        Assert.Equal(["2376"], ((YamlSequenceNode)At(from, "ports")).Children.Select(p => ValueAt(p, "port")));

        Assert.Equal("delete", ValueAt(VerifierPatch, "containers[engine].$patch"));
        Assert.Equal("true", ValueAt(Dockerd, "securityContext.privileged"));
        Assert.Equal("false", ValueAt(Engines, "spec.template.spec.automountServiceAccountToken"));
    }

    [Fact]
    public void EngineList_IsOneTheSandboxAccepts()
    {
        // The environment the patch sets, read as the service reads it (__ is a section separator).
        var settings = VerifierEnv.Where(e => ValueAt(e, "name")!.StartsWith("Sandbox__Engines__", StringComparison.Ordinal))
            .ToDictionary(e => ValueAt(e, "name")!.Replace("__", ":", StringComparison.Ordinal), e => ValueAt(e, "value"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddCodeSandbox(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SandboxOptions>>();
        var failures = Assert.Throws<OptionsValidationException>(() => options.Value).Failures;

        // Only the certificates, which exist in the pod (from the Secret), not here.
        Assert.All(failures, f => Assert.Matches("TlsCertPath '/etc/verifier/engine-tls' has no (ca|cert|key)\\.pem", f));
        Assert.Equal(3 * settings.Count(s => s.Key.EndsWith(":TlsCertPath", StringComparison.Ordinal)), failures.Count());
    }
}
