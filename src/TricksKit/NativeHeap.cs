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
/// <para>
/// It also zero-fills every block glibc hands out (<c>mallopt(M_PERTURB, 0xFF)</c>: allocations are filled with
/// <c>~0xFF</c> = 0, freed blocks with 0xFF). libtorch 2.10's oneDNN convolution backward-data, when the convolution's
/// output channels are not a multiple of the CPU's channel block (16 with AVX-512: e.g. 8 to 8, 24 to 24), reads
/// uninitialised padding of a buffer it allocated and multiplies it by zero weights: finite garbage gives the right
/// answer, but garbage that happens to be a NaN or infinity bit pattern (a freed byte image, int64 indices) makes the
/// input gradient NaN at random, with heap blocks reused rather than freshly mapped (seen here: a tanh ResNetLite of width
/// 8 diverged on its first run after loading Fashion-MNIST; docs/design-log.md, "Session 14: the NaN was oneDNN's").
/// Fresh blocks that are all zeros make that read harmless and change no correct kernel's result.
/// </para>
/// </summary>
internal static class NativeHeap
{
    private const int TrimThreshold = -1, MmapThreshold = -3, MmapMax = -4, Perturb = -6; // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_MMAP_MAX, M_PERTURB in malloc.h

    /// <summary>The M_PERTURB byte: freed blocks are filled with it, allocated ones with its complement, 0.</summary>
    public const int PerturbByte = 0xFF;

    /// <summary>The mmap threshold set: 32 MiB, the largest glibc accepts on 64-bit systems.</summary>
    public const int MmapBytes = 32 << 20;

    /// <summary>The free heap kept before memory is given back: 256 MiB.</summary>
    public const int TrimBytes = 256 << 20;

    /// <summary>Whether glibc took all four settings (false off glibc).</summary>
    public static bool Tuned { get; private set; }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int Mallopt(int param, int value);

    /// <summary>Applies the settings once per process; true when glibc took all four.</summary>
    public static bool Tune()
    {
        if (Tuned || !OperatingSystem.IsLinux()) return Tuned;
        try
        {
            Tuned = Mallopt(MmapThreshold, MmapBytes) == 1 & Mallopt(TrimThreshold, TrimBytes) == 1 & Mallopt(MmapMax, 0) == 1 & Mallopt(Perturb, PerturbByte) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Tuned = false; // not glibc (e.g. musl): its allocator is left as it is
        }
        return Tuned;
    }

    /// <summary>Turns the zero-fill (M_PERTURB <see cref="PerturbByte"/>) on or off; false off glibc. For the bench that measures its cost.</summary>
    internal static bool ZeroFill(bool on)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try { return Mallopt(Perturb, on ? PerturbByte : 0) == 1; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }
}
