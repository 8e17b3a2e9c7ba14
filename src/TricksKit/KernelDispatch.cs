namespace TricksKit;

/// <summary>
/// Which instruction set libtorch's CPU kernels may use, fixed once per process by <see cref="Kit.Init"/> before libtorch
/// loads (<see cref="CpuKernels"/>).
/// </summary>
public enum KernelDispatch
{
    /// <summary>
    /// The default: ATen's vectorised kernels and oneDNN capped at AVX2, MKL on its vendor-independent
    /// <c>COMPATIBLE</c> branch (<see cref="CpuKernels.Pinning"/>), so x86-64 CPUs with AVX2, Intel or AMD, with or
    /// without AVX-512, give the same numbers bit for bit (checked under emulation: docs/performance.md).
    /// </summary>
    Pinned,

    /// <summary>Each library picks its fastest kernels for this CPU: faster on AVX-512 CPUs, and numbers that differ by CPU kind in their last bits.</summary>
    Native,
}
