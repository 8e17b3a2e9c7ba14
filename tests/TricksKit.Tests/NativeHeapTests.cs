using System.Runtime.InteropServices;
using TricksKit;
using Xunit;

namespace TricksKit.Tests;

/// <summary>The kit's start-up tunes glibc's malloc (<see cref="NativeHeap"/>): glibc must accept both settings.</summary>
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

    [Fact]
    public void The_notebook_host_environment_is_missing_only_where_unset()
    {
        var missing = Kit.MissingHostEnvironment(_ => null);
        Assert.Equal(OperatingSystem.IsLinux() ? Kit.HostEnvironment.Keys.ToArray() : Array.Empty<string>(), missing);
        Assert.Empty(Kit.MissingHostEnvironment(k => Kit.HostEnvironment[k]));
    }
}
