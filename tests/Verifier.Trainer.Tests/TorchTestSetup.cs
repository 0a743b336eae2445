using TorchSharp;

namespace Verifier.Trainer.Tests;

/// <summary>Every torch test runs single-threaded: tiny tensors are fastest that way, and tests run in parallel.</summary>
internal static class TorchTestSetup
{
    private static readonly Lazy<bool> Initialised = new(() =>
    {
        torch.set_num_threads(1);
        return true;
    });

    public static void Ensure() => _ = Initialised.Value;
}
