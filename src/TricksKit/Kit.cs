using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Start-up of the kit: loads libtorch through TorchSharp's own start-up (the only way script hosts such as
/// notebooks and <c>dotnet fsi</c> find it) and fixes the thread count. Call <see cref="Init"/> before building
/// any module; every kit entry point that needs libtorch calls it for you.
/// </summary>
public static class Kit
{
    private static readonly object Gate = new();
    private static bool initialised;

    private static Device? device;

    /// <summary>
    /// Where the kit's experiments put their models (and <see cref="Trainer.Fit"/> the data): CUDA when a CUDA build of
    /// TorchSharp is referenced (package <c>TorchSharp-cuda-linux</c>/<c>-windows</c> instead of <c>TorchSharp-cpu</c>)
    /// and a GPU is present, else the CPU. Loads libtorch on first use.
    /// </summary>
    public static Device Device
    {
        get
        {
            if (device is { } d) return d;
            Init();
            lock (Gate) return device ??= cuda.is_available() ? CUDA : CPU;
        }
    }

    /// <summary>
    /// What a host process that trains off its main thread should find in its environment when it starts:
    /// <c>MALLOC_ARENA_MAX=1</c>. A notebook kernel runs every cell on a pool thread, and glibc gives such a thread an
    /// arena of its own whose heaps (64 MiB at most) it maps and unmaps as a step's activations come and go, which the
    /// kit's malloc tuning cannot reach; with one arena every thread allocates from the main heap, where it holds. Read
    /// by glibc at start-up only, so the host's launcher sets it: the notebook runner, the Jupyter tools and the
    /// devcontainer do. 04's notebook alone took 197 s without it and 80 s with it, its results identical
    /// (docs/performance.md). Script twins train on their main thread and do not need it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> HostEnvironment { get; } = new Dictionary<string, string> { ["MALLOC_ARENA_MAX"] = "1" };

    /// <summary>The <see cref="HostEnvironment"/> variables that <paramref name="environment"/> (a host's lookup, e.g. its process environment) lacks; empty off Linux.</summary>
    public static IReadOnlyList<string> MissingHostEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return OperatingSystem.IsLinux() ? HostEnvironment.Keys.Where(k => string.IsNullOrEmpty(environment(k))).ToArray() : Array.Empty<string>();
    }

    /// <summary>The libtorch intra-op thread count in use (fixed for the process unless <see cref="Init"/> names another).</summary>
    public static int Threads { get; private set; }

    /// <summary>The kernels' dispatch fixed by the first <see cref="Init"/> (<see cref="KernelDispatch.Pinned"/> unless it named another).</summary>
    public static KernelDispatch Kernels { get; private set; } = KernelDispatch.Pinned;

    /// <summary>
    /// Loads libtorch (CPU) and sets the thread count: <paramref name="threads"/> if given, else
    /// <see cref="ThreadPolicy.Default"/> (1). Safe to call many times; a later call only changes the count when it
    /// names one. The count never changes by itself: results are identical whatever else the machine is doing.
    /// Before libtorch loads, the first call fixes the kernels' instruction set: <paramref name="kernels"/> if given,
    /// else <see cref="KernelDispatch.Pinned"/> (the same numbers on every x86-64 CPU with AVX2; <see cref="CpuKernels"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">libtorch cannot be loaded (the message says what to install), or
    /// <paramref name="kernels"/> names another dispatch than the one libtorch was loaded with.</exception>
    public static void Init(int? threads = null, KernelDispatch? kernels = null)
    {
        if (threads is < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, $"threads must be >= 1, got {threads}.");
        if (kernels is { } k && !Enum.IsDefined(k)) throw new ArgumentOutOfRangeException(nameof(kernels), kernels, "kernels must be KernelDispatch.Pinned or KernelDispatch.Native.");
        lock (Gate)
        {
            if (initialised && kernels is { } named && named != Kernels)
                throw new InvalidOperationException($"kernels: libtorch was loaded with {Kernels} kernels, and a process cannot change them; name {named} in the first Kit.Init, before anything loads libtorch.");
            if (!initialised)
            {
                Kernels = kernels ?? KernelDispatch.Pinned;
                CpuKernels.Apply(Kernels);
                try
                {
                    torch.InitializeDeviceType(DeviceType.CPU);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw new InvalidOperationException(LibTorchDiagnosis.Explain(e), e);
                }
                initialised = true;
                NativeHeap.Tune();
                Set(threads ?? ThreadPolicy.Default);
            }
            else if (threads is int n) Set(n);
        }
    }

    private static void Set(int n)
    {
        if (n == Threads) return;
        torch.set_num_threads(n);
        Threads = n;
    }
}
