using System.Runtime.InteropServices;
using TorchSharp;

namespace Verifier.Trainer.Native;

/// <summary>
/// Loads the native libtorch before TorchSharp touches it, chooses the device and sets the thread count.
/// </summary>
/// <remarks>
/// TorchSharp looks for libtorch next to the app (the libtorch-cpu or libtorch-cuda packages). To run
/// on another install, for example a CUDA machine's PyTorch (<c>site-packages/torch/lib</c>), its
/// libraries are loaded here first by full path: when libLibTorchSharp.so is then loaded, the dynamic
/// loader matches its NEEDED entries (libtorch.so, libc10.so, libtorch_cpu.so) to these by soname.
/// </remarks>
public static class TorchBackend
{
    /// <summary>Environment variable naming a libtorch directory (one holding libtorch_cpu.so).</summary>
    public const string LibTorchDirVariable = "VERIFIER_LIBTORCH_DIR";

    // Dependency order: each library's NEEDED entries are loaded before it.
    private static readonly string[] LoadOrder =
    [
        "libc10.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch_cuda.so", "libtorch.so",
    ];

    private static readonly Lock Gate = new();
    private static string? _loadedFrom;

    /// <summary>Where libtorch was loaded from, or null when TorchSharp's own lookup is used.</summary>
    public static string? LibTorchDirectory => _loadedFrom;

    /// <summary>
    /// Preloads libtorch from <paramref name="configuredDir"/>, else from <see cref="LibTorchDirVariable"/>,
    /// else leaves it to TorchSharp. Must run before the first torch call.
    /// </summary>
    public static void LoadLibTorch(string? configuredDir = null)
    {
        var dir = string.IsNullOrWhiteSpace(configuredDir)
            ? Environment.GetEnvironmentVariable(LibTorchDirVariable)
            : configuredDir;
        if (string.IsNullOrWhiteSpace(dir))
        {
            return;
        }

        lock (Gate)
        {
            var full = Path.GetFullPath(dir);
            if (_loadedFrom is not null)
            {
                if (_loadedFrom != full)
                {
                    throw new InvalidOperationException($"libtorch was already loaded from {_loadedFrom}; cannot switch to {full}.");
                }

                return;
            }

            if (!File.Exists(Path.Combine(full, "libtorch_cpu.so")))
            {
                throw new DirectoryNotFoundException(
                    $"{full} is not a libtorch directory (no libtorch_cpu.so). Set {LibTorchDirVariable} or " +
                    "\"libtorch_dir\" to a folder such as <python>/site-packages/torch/lib.");
            }

            foreach (var name in LoadOrder)
            {
                var path = Path.Combine(full, name);
                if (File.Exists(path))
                {
                    NativeLibrary.Load(path);
                }
            }

            _loadedFrom = full;
        }
    }

    /// <summary>Resolves "auto", "cpu", "cuda" or "cuda:N" to a device.</summary>
    public static torch.Device ResolveDevice(string? requested)
    {
        var name = string.IsNullOrWhiteSpace(requested) ? "auto" : requested.Trim().ToLowerInvariant();
        if (name == "auto")
        {
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        }

        if (name.StartsWith("cuda", StringComparison.Ordinal) && !torch.cuda.is_available())
        {
            throw new InvalidOperationException(
                $"Device '{requested}' was requested but CUDA is not available. The bundled libtorch is CPU-only: " +
                $"point {LibTorchDirVariable} at a CUDA build (e.g. a PyTorch install's torch/lib).");
        }

        return new torch.Device(name);
    }

    /// <summary>
    /// Sets torch's intra-op thread count (a negative value keeps torch's default). 0 picks the default for the device: on CPU one thread, because
    /// the small matrices of a from-scratch policy lose more to OpenMP synchronisation than they gain
    /// (see trainer/README.md for the measurement); on CUDA the host threads barely matter.
    /// </summary>
    public static int ConfigureThreads(int requested, torch.Device device)
    {
        if (requested < 0)
        {
            return torch.get_num_threads();
        }

        var threads = requested > 0 ? requested : DefaultThreads(device);
        torch.set_num_threads(threads);
        return threads;
    }

    internal static int DefaultThreads(torch.Device device) =>
        device.type == DeviceType.CUDA ? Math.Min(4, Environment.ProcessorCount) : 1;
}
