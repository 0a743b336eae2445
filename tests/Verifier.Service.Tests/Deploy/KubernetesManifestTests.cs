using System.Text.Json.Nodes;
using Verifier.TestSupport;
using YamlDotNet.RepresentationModel;
using static Verifier.Service.Tests.Deploy.KubernetesManifests;

namespace Verifier.Service.Tests.Deploy;

/// <summary>
/// deploy/kubernetes cannot be applied here (no cluster), so its invariants are checked offline: everything it holds
/// is listed, the pieces point at each other, the probes and the autoscaler's metric are the service's real routes
/// and series, the drain fits the grace period, and only the engine sidecar is privileged.
/// </summary>
public sealed class KubernetesManifestTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly KubernetesManifests _manifests = new();

    private YamlMappingNode Deployment => _manifests.Kind("Deployment");

    private YamlNode PodSpec => At(Deployment, "spec.template.spec");

    private YamlNode Verifier => At(PodSpec, "containers[verifier]");

    [Fact]
    public void Kustomization_ListsEveryManifestInTheFolder_AndOnlyThose()
    {
        var kustomization = _manifests.Documents.Single(d => d.File == "kustomization.yaml").Document;
        var listed = ((YamlSequenceNode)At(kustomization, "resources")).Children.Select(n => ((YamlScalarNode)n).Value).Order(StringComparer.Ordinal);
        var present = _manifests.Documents.Select(d => d.File).Where(f => f != "kustomization.yaml").Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(present, listed);
    }

    [Fact]
    public void ServicePdbAndAutoscaler_SelectTheDeploymentsPods()
    {
        var podLabels = (YamlMappingNode)At(Deployment, "spec.template.metadata.labels");
        bool Selects(YamlNode selector) => ((YamlMappingNode)selector).Children.All(l => podLabels.Children.TryGetValue(l.Key, out var v) && v.Equals(l.Value));

        Assert.True(Selects(At(_manifests.Kind("Service"), "spec.selector")));
        Assert.True(Selects(At(_manifests.Kind("PodDisruptionBudget"), "spec.selector.matchLabels")));
        Assert.True(Selects(At(_manifests.Kind("NetworkPolicy"), "spec.podSelector.matchLabels")));
        Assert.True(Selects(At(Deployment, "spec.selector.matchLabels")));
        Assert.Equal(ValueAt(Deployment, "metadata.name"), ValueAt(_manifests.Kind("HorizontalPodAutoscaler"), "spec.scaleTargetRef.name"));
        Assert.Equal("http", ValueAt(_manifests.Kind("Service"), "spec.ports[http].targetPort"));
        Assert.Equal("8080", ValueAt(Verifier, "ports[http].containerPort"));
        Assert.EndsWith(":8080", ValueAt(Verifier, "env[ASPNETCORE_URLS].value"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbesAndTheAutoscalersMetric_AreTheServicesOwn()
    {
        var client = fixture.Host.Client(apiKey: null);
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            var path = ValueAt(Verifier, $"{probe}.httpGet.path")!;
            using var response = await client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{probe} {path}: {(int)response.StatusCode}");
        }

        Assert.Equal("/health/ready", ValueAt(Verifier, "readinessProbe.httpGet.path"));
        var metric = ValueAt(((YamlSequenceNode)At(_manifests.Kind("HorizontalPodAutoscaler"), "spec.metrics")).Children[0], "pods.metric.name");
        // The service's meters start with its first scored request.
        using var scored = await fixture.Host.Client().PostAsync("/v1/verify", Json.Body(Json.Math("\\boxed{1}", "1")));
        scored.EnsureSuccessStatusCode();
        var exported = await client.GetStringAsync("/metrics");
        Assert.Matches($"(?m)^{metric}[{{ ]", exported);
    }

    [Fact]
    public void GracePeriod_OutlastsTheDrain()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root(), "verifier", "Verifier.Service", "appsettings.json")))!;
        var drain = TimeSpan.Parse((string)settings["Shutdown"]!["DrainDeadline"]!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(int.Parse(ValueAt(PodSpec, "terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture) >= drain.TotalSeconds + 15);
    }

    [Fact]
    public void OnlyTheEngineIsPrivileged_TheVerifierRunsLockedDown()
    {
        Assert.Equal("true", ValueAt(Verifier, "securityContext.runAsNonRoot"));
        Assert.Equal("true", ValueAt(Verifier, "securityContext.readOnlyRootFilesystem"));
        Assert.Equal("false", ValueAt(Verifier, "securityContext.allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], ((YamlSequenceNode)At(Verifier, "securityContext.capabilities.drop")).Children.Select(n => ((YamlScalarNode)n).Value));
        Assert.False(Has(Verifier, "securityContext.privileged"));
        Assert.Equal("false", ValueAt(PodSpec, "automountServiceAccountToken"));

        var containers = ((YamlSequenceNode)At(PodSpec, "containers")).Children;
        Assert.Equal(["engine"], containers.Where(c => Has(c, "securityContext.privileged") && ValueAt(c, "securityContext.privileged") == "true").Select(c => ValueAt(c, "name")));
    }

    [Fact]
    public void VerifierAndEngine_ShareTheSocketAndChannelsAtTheSamePaths_AndKeysComeFromASecret()
    {
        var engine = At(PodSpec, "containers[engine]");
        var socket = ValueAt(Verifier, "env[Sandbox__DockerEndpoint].value")!;
        Assert.Contains($"--host={socket}", ((YamlSequenceNode)At(engine, "args")).Children.Select(n => ((YamlScalarNode)n).Value));

        foreach (var volume in new[] { "engine-socket", "channels" })
        {
            Assert.Equal(ValueAt(Verifier, $"volumeMounts[{volume}].mountPath"), ValueAt(engine, $"volumeMounts[{volume}].mountPath"));
        }

        Assert.Equal(ValueAt(Verifier, "volumeMounts[channels].mountPath"), ValueAt(Verifier, "env[Sandbox__ChannelDirectory].value"));
        Assert.StartsWith(socket["unix://".Length..socket.LastIndexOf('/')], ValueAt(Verifier, "volumeMounts[engine-socket].mountPath")!, StringComparison.Ordinal);
        Assert.False(Has(Verifier, "env[VERIFIER_API_KEYS]"), "keys never as a literal in a manifest");
        Assert.StartsWith(ValueAt(Verifier, "volumeMounts[api-keys].mountPath")!, ValueAt(Verifier, "env[Auth__KeyFile].value")!, StringComparison.Ordinal);
        Assert.NotNull(ValueAt(PodSpec, "volumes[api-keys].secret.secretName"));
    }

    [Fact]
    public void NetworkPolicy_BoundsBothDirections()
    {
        var policy = _manifests.Kind("NetworkPolicy");
        Assert.Equal(["Ingress", "Egress"], ((YamlSequenceNode)At(policy, "spec.policyTypes")).Children.Select(n => ((YamlScalarNode)n).Value));
        var egressPorts = ((YamlSequenceNode)At(policy, "spec.egress")).Children.SelectMany(rule => ((YamlSequenceNode)At(rule, "ports")).Children).Select(p => ValueAt(p, "port"));
        Assert.Equal(["53", "53", "443"], egressPorts);
    }
}
