using System.Text.Json.Serialization;

namespace Verifier.Service.Compat.SandboxFusion;

/// <summary>
/// SandboxFusion's <c>POST /run_code</c> body, as its published client (and verl's code reward and code tool) sends it.
/// Fields it sends that do not concern one run are accepted and ignored, as its server does.
/// </summary>
internal sealed record RunCodeRequest
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonPropertyName("stdin")]
    public string? Stdin { get; init; }

    /// <summary>Seconds; SandboxFusion's default is 10.</summary>
    [JsonPropertyName("compile_timeout")]
    public double? CompileTimeout { get; init; }

    /// <summary>Seconds; SandboxFusion's default is 10.</summary>
    [JsonPropertyName("run_timeout")]
    public double? RunTimeout { get; init; }

    /// <summary>Megabytes; -1 (the default) leaves the limit to the server.</summary>
    [JsonPropertyName("memory_limit_MB")]
    public double? MemoryLimitMb { get; init; }

    /// <summary>Path to base64 content, restored into the working directory before the run.</summary>
    [JsonPropertyName("files")]
    public Dictionary<string, string?>? Files { get; init; }

    /// <summary>Paths whose content comes back, base64, in the response's <c>files</c>.</summary>
    [JsonPropertyName("fetch_files")]
    public List<string>? FetchFiles { get; init; }
}

/// <summary>SandboxFusion's <c>RunCodeResponse</c>.</summary>
internal sealed record RunCodeResponse
{
    /// <summary><c>Success</c> (every step finished and exited 0), <c>Failed</c> (the program's doing), <c>SandboxError</c> (ours).</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }

    [JsonPropertyName("compile_result")]
    public CommandRunResult? CompileResult { get; init; }

    [JsonPropertyName("run_result")]
    public CommandRunResult? RunResult { get; init; }

    [JsonPropertyName("executor_pod_name")]
    public string? ExecutorPodName { get; init; }

    [JsonPropertyName("files")]
    public required Dictionary<string, string> Files { get; init; }
}

/// <summary>SandboxFusion's <c>CommandRunResult</c>: one compile or run step.</summary>
internal sealed record CommandRunResult
{
    /// <summary><c>Finished</c> (exited, with any code), <c>TimeLimitExceeded</c>, <c>Error</c> (could not be run).</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Seconds of wall time.</summary>
    [JsonPropertyName("execution_time")]
    public double? ExecutionTime { get; init; }

    [JsonPropertyName("return_code")]
    public int? ReturnCode { get; init; }

    [JsonPropertyName("stdout")]
    public string? Stdout { get; init; }

    [JsonPropertyName("stderr")]
    public string? Stderr { get; init; }
}

/// <summary>The run statuses of SandboxFusion's wire format.</summary>
internal static class SandboxFusionStatus
{
    public const string Success = "Success";
    public const string Failed = "Failed";
    public const string SandboxError = "SandboxError";
    public const string Finished = "Finished";
    public const string TimeLimitExceeded = "TimeLimitExceeded";
    public const string Error = "Error";
}
