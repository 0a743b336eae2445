using System.Runtime.CompilerServices;
using Verifier.Sdk.Transport;

namespace Verifier.Sdk.Tests.Transport;

public sealed class ResilientTransportTests
{
    [Fact]
    public void CallerCancellation_IsRethrownWithTheStackOfWhereItWasThrown()
    {
        using var caller = new CancellationTokenSource();
        caller.Cancel();
        var thrown = Assert.ThrowsAny<OperationCanceledException>(() => CancelHere(caller.Token));

        var rethrown = Assert.ThrowsAny<OperationCanceledException>(() => ResilientTransport.ThrowFailure(thrown, "v1/verify", caller.Token));

        Assert.Same(thrown, rethrown);
        Assert.True(rethrown.StackTrace?.Contains(nameof(CancelHere), StringComparison.Ordinal), rethrown.ToString());
    }

    [Fact]
    public void OtherFailures_AreReportedAsUnavailable_WithTheFailureInside()
    {
        var refused = new HttpRequestException("connection refused");

        var error = Record.Exception(() => ResilientTransport.ThrowFailure(refused, "v1/verify", CancellationToken.None));

        Assert.Same(refused, Assert.IsType<VerifierUnavailableException>(error).InnerException);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CancelHere(CancellationToken token) => token.ThrowIfCancellationRequested();
}
