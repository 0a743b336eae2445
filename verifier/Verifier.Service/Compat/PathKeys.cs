using System.Diagnostics;

namespace Verifier.Service.Compat;

/// <summary>
/// API keys in the URL path, for clients that cannot send an Authorization header (SandboxFusion's, OpenRLHF's):
/// <c>/compat/{key}/...</c>. The first middleware takes the key out of the path before anything else of the request
/// is seen (routing, logs, traces, problem documents see <c>/compat/***/...</c>) and keeps it in a feature that only
/// authentication reads. The records made before it, ASP.NET Core's request-starting log and its request scope, are
/// switched off (<see cref="CompatExtensions.AddCompat"/>), and the trace's path tag is rewritten here.
/// </summary>
internal static class PathKeys
{
    public const string Prefix = "/compat/";
    public const string Redacted = "***";

    /// <summary>The key a request carried in its path.</summary>
    internal sealed record PathKey(string Key);

    public static Task TakeKeyAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var end = path.IndexOf('/', Prefix.Length);
            var key = end < 0 ? path[Prefix.Length..] : path[Prefix.Length..end];
            if (key.Length > 0)
            {
                context.Features.Set(new PathKey(Uri.UnescapeDataString(key)));
                var redacted = Prefix + Redacted + (end < 0 ? "" : path[end..]);
                context.Request.Path = redacted;
                if (Activity.Current is { } activity)
                {
                    activity.SetTag("url.path", redacted);
                    activity.DisplayName = $"{context.Request.Method} {redacted}";
                }
            }
        }

        return next(context);
    }

    /// <summary>The key from the path, when the request came by a <c>/compat/{key}/</c> route.</summary>
    public static string? Of(HttpContext context) => context.Features.Get<PathKey>()?.Key;
}
