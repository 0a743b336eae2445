using Verifier.Service.Compat.OpenRlhf;

namespace Verifier.Service.Compat;

/// <summary>The routes other projects' clients call (configuration section <c>Compat</c>).</summary>
public sealed class CompatOptions
{
    public const string Section = "Compat";

    /// <summary>
    /// Where SandboxFusion's <c>run_code</c> is served besides the root: <c>{prefix}/run_code</c> and
    /// <c>/compat/{key}{prefix}/run_code</c> (default: no prefix). Starts with <c>/</c>, no trailing <c>/</c>.
    /// </summary>
    public string SandboxFusionPrefix { get; set; } = "";

    /// <summary>
    /// OpenRLHF remote-reward routes by name, served at <c>/openrlhf/{name}</c> and <c>/compat/{key}/openrlhf/{name}</c>.
    /// Empty: the two built-in ones, <c>math</c> and <c>code</c> (accuracy plus R1's format reward, weights 1 and 1).
    /// </summary>
    public Dictionary<string, OpenRlhfRoute> OpenRlhf { get; set; } = new(StringComparer.Ordinal);

    internal IReadOnlyDictionary<string, OpenRlhfRoute> OpenRlhfRoutes() =>
        OpenRlhf.Count > 0 ? OpenRlhf : new Dictionary<string, OpenRlhfRoute>(StringComparer.Ordinal)
        {
            ["math"] = new OpenRlhfRoute { Task = OpenRlhfRoute.MathTask },
            ["code"] = new OpenRlhfRoute { Task = OpenRlhfRoute.CodeTask },
        };
}
