using System.Runtime.InteropServices;

namespace TricksKit;

/// <summary>
/// glibc's malloc, tuned for libtorch's CPU tensors. By default glibc serves every block above its mmap threshold (128 KiB,
/// raised on the fly up to 32 MiB) with a fresh <c>mmap</c> and gives freed memory at the heap's top back to the system
/// above 128 KiB, so a training loop that allocates and frees the same activations every step makes the kernel fault in
/// and zero them again every step: at this kit's scale a quarter to a third of a run's CPU time went to the kernel
/// (docs/performance.md). <see cref="Tune"/> fixes the mmap threshold at 32 MiB, keeps up to 256 MiB of free heap, and
/// serves blocks above the threshold from the heap too (<c>mallopt(M_MMAP_THRESHOLD)</c>, <c>mallopt(M_TRIM_THRESHOLD)</c>,
/// <c>mallopt(M_MMAP_MAX, 0)</c>): a conv net's evaluation chunk of 1,000 images makes 50 MB activations, which 32 MiB,
/// the largest threshold glibc accepts, would still map afresh every time. Only where memory comes from changes: the
/// numbers are the same bit for bit. Elsewhere (Windows, macOS, musl) it does nothing.
/// </summary>
internal static class NativeHeap
{
    private const int TrimThreshold = -1, MmapThreshold = -3, MmapMax = -4; // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_MMAP_MAX in malloc.h

    /// <summary>The mmap threshold set: 32 MiB, the largest glibc accepts on 64-bit systems.</summary>
    public const int MmapBytes = 32 << 20;

    /// <summary>The free heap kept before memory is given back: 256 MiB.</summary>
    public const int TrimBytes = 256 << 20;

    /// <summary>Whether glibc took all three settings (false off glibc).</summary>
    public static bool Tuned { get; private set; }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int Mallopt(int param, int value);

    /// <summary>Applies the settings once per process; true when glibc took all three.</summary>
    public static bool Tune()
    {
        if (Tuned || !OperatingSystem.IsLinux()) return Tuned;
        try
        {
            Tuned = Mallopt(MmapThreshold, MmapBytes) == 1 & Mallopt(TrimThreshold, TrimBytes) == 1 & Mallopt(MmapMax, 0) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Tuned = false; // not glibc (e.g. musl): its allocator is left as it is
        }
        return Tuned;
    }
}
