namespace Verifier.Core.Code.Files;

/// <summary>What became of one path of <c>fetchFiles</c> after the submission's last step. Reported only: never part of the reward.</summary>
/// <param name="Bytes">The file's size as it lay in the working directory (a sparse file counts its holes); null when there was no regular file.</param>
/// <param name="Content">Its bytes, or their first part when <see cref="Status"/> is <see cref="FetchStatus.Truncated"/>; null when nothing was read.</param>
public sealed record FetchedFile(string Path, FetchStatus Status, long? Bytes, byte[]? Content);

public enum FetchStatus
{
    /// <summary>The whole file.</summary>
    Ok,

    /// <summary>The file is larger than what was left of the per-file or total cap: its first bytes only.</summary>
    Truncated,

    /// <summary>The total cap was spent on earlier paths: nothing read.</summary>
    OverLimit,

    /// <summary>Nothing at that path (or a directory on the way is missing or unreadable).</summary>
    Missing,

    /// <summary>Something other than a regular file: a symlink (never followed, nor on the way), a FIFO, a directory.</summary>
    NotRegular,
}

public static class FetchStatusNames
{
    public static string ToWireName(this FetchStatus status) => status switch
    {
        FetchStatus.Ok => "ok",
        FetchStatus.Truncated => "truncated",
        FetchStatus.OverLimit => "over_limit",
        FetchStatus.Missing => "missing",
        FetchStatus.NotRegular => "not_regular",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown fetch status"),
    };

    /// <summary>The status the supervisor reported, by its wire name.</summary>
    public static FetchStatus Parse(string name) => name switch
    {
        "ok" => FetchStatus.Ok,
        "truncated" => FetchStatus.Truncated,
        "over_limit" => FetchStatus.OverLimit,
        "missing" => FetchStatus.Missing,
        "not_regular" => FetchStatus.NotRegular,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown fetch status"),
    };
}
