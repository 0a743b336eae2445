using System.Text;
using TorchSharp;
using Verifier.Trainer.Native;
using static TorchSharp.torch;

namespace Verifier.Trainer.Tests.Native;

public sealed class TorchBackendTests
{
    public TorchBackendTests() => TorchTestSetup.Ensure();

    [Fact]
    public void LoadLibTorch_WhenDirectoryHasNoLibtorch_SaysHowToFixIt()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => TorchBackend.LoadLibTorch("/nonexistent/torch/lib"));

        Assert.Contains(TorchBackend.LibTorchDirVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveDevice_CpuAndAuto_WorkWithoutCuda()
    {
        Assert.Equal(DeviceType.CPU, TorchBackend.ResolveDevice("cpu").type);
        Assert.Equal(cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, TorchBackend.ResolveDevice("auto").type);
    }

    [Fact]
    public void ResolveDevice_WhenCudaMissing_ExplainsTheLibtorchDirectory()
    {
        Assert.SkipWhen(cuda.is_available(), "CUDA is available here.");

        var error = Assert.Throws<InvalidOperationException>(() => TorchBackend.ResolveDevice("cuda"));
        Assert.Contains(TorchBackend.LibTorchDirVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildOutput_WhereLibstdcxxLacksGlibcxx3432_CarriesThePatchedLibraryAndShim()
    {
        var libstdcxx = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib64/libstdc++.so.6" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(libstdcxx is null, "No system libstdc++ found.");
        Assert.SkipWhen(Encoding.ASCII.GetString(File.ReadAllBytes(libstdcxx!)).Contains("GLIBCXX_3.4.32\0", StringComparison.Ordinal), "This libstdc++ has GLIBCXX_3.4.32: no patch is applied.");
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");

        var library = File.ReadAllBytes(Path.Combine(native, "libLibTorchSharp.so"));

        Assert.True(File.Exists(Path.Combine(native, "libverifier_glibcxx_shim.so")));
        Assert.Contains("libverifier_glibcxx_shim.so", Encoding.ASCII.GetString(library), StringComparison.Ordinal);
        Assert.Equal(6f, (ones(3) * 2).sum().item<float>()); // and TorchSharp runs on it
    }
}
