using System.Runtime.InteropServices;
using TricksKit;
using Xunit;

namespace TricksKit.Tests;

/// <summary>The kit's start-up tunes glibc's malloc (<see cref="NativeHeap"/>): glibc must accept all three settings, and a large tensor then comes from the heap, not a fresh mapping.</summary>
public class NativeHeapTests
{
    [Fact]
    public void Kit_Init_tunes_glibc_malloc_on_Linux()
    {
        Kit.Init();
        bool glibc = OperatingSystem.IsLinux() && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);
        Assert.Equal(glibc, NativeHeap.Tuned);
        Assert.Equal(glibc, NativeHeap.Tune()); // idempotent
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2 { public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost; }

    [DllImport("libc.so.6", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 Mallinfo2();

    [Fact]
    public void After_Kit_Init_a_40_MB_tensor_is_not_a_mapping_of_its_own()
    {
        Kit.Init();
        if (!NativeHeap.Tuned) return;   // not glibc: nothing was tuned (the test above checks which)
        var before = Mallinfo2().Hblks;
        using (var big = TorchSharp.torch.ones(10_000_000))                 // 40 MB of float32: above the 32 MiB threshold, within an arena heap (64 MiB) on any thread
            Assert.Equal(before, Mallinfo2().Hblks);                         // no mmap'd block was added for it
    }

    [Fact]
    public void The_notebook_host_environment_is_missing_only_where_unset()
    {
        var missing = Kit.MissingHostEnvironment(_ => null);
        Assert.Equal(OperatingSystem.IsLinux() ? Kit.HostEnvironment.Keys.ToArray() : Array.Empty<string>(), missing);
        Assert.Empty(Kit.MissingHostEnvironment(k => Kit.HostEnvironment[k]));
    }
}
