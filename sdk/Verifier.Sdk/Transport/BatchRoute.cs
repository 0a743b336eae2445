namespace Verifier.Sdk.Transport;

/// <summary>
/// What differs between the batch endpoints the client calls (<c>/v1/verify</c>, <c>/v1/run</c>): the path, the
/// body and answer types, and how a result is re-indexed, given back or made up when no replica answered. Batching,
/// retries, idempotency keys and the bound on requests in flight are the same for both.
/// </summary>
internal sealed record BatchRoute<TItem, TResult>(
    string Path,
    Func<IReadOnlyList<TItem>, byte[]> Body,
    Func<byte[], IReadOnlyList<TResult>?> Results,
    Func<TResult, bool> GivenBack,
    Func<TResult, int, TResult> WithIndex,
    Func<TItem, int, Exception, TResult> Unavailable);
