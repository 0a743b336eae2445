using Verifier.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Verifier.Service.Tests.Deploy;

/// <summary>
/// The documents of deploy/kubernetes (or of one of its variants, a subfolder), parsed, with a path lookup that fails
/// by naming what is missing.
/// </summary>
internal sealed class KubernetesManifests(string? variant = null)
{
    public static string Folder => Path.Combine(RepoPaths.Root(), "deploy", "kubernetes");

    public IReadOnlyList<(string File, YamlMappingNode Document)> Documents { get; } = [.. Load(variant is null ? Folder : Path.Combine(Folder, variant))];

    public YamlMappingNode Kind(string kind) =>
        Documents.Single(d => ValueAt(d.Document, "kind") == kind).Document;

    private static IEnumerable<(string, YamlMappingNode)> Load(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            foreach (var document in stream.Documents)
            {
                // A JSON patch is a list of operations, not an object: it is looked at by file name.
                if (document.RootNode is not YamlMappingNode mapping)
                {
                    continue;
                }

                yield return (Path.GetFileName(file), mapping);
            }
        }
    }

    /// <summary>The node at a dotted path (<c>spec.template.spec</c>); list items by a <c>name</c> key: <c>containers[verifier]</c>.</summary>
    public static YamlNode At(YamlNode node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var key = bracket < 0 ? part : part[..bracket];
            var mapping = Assert.IsType<YamlMappingNode>(node, exactMatch: false);
            Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out node!), $"no '{key}' on the way to '{path}'");
            if (bracket >= 0)
            {
                var name = part[(bracket + 1)..^1];
                // Items without a name (a patch's deletion by mountPath) are passed over.
                node = ((YamlSequenceNode)node).Children.OfType<YamlMappingNode>()
                    .Single(item => item.Children.TryGetValue(new YamlScalarNode("name"), out var itemName) && (itemName as YamlScalarNode)?.Value == name);
            }
        }

        return node;
    }

    public static string? ValueAt(YamlNode node, string path) => (At(node, path) as YamlScalarNode)?.Value;

    public static bool Has(YamlNode node, string path)
    {
        try
        {
            At(node, path);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
