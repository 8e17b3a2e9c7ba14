using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Start-up of the kit: loads libtorch through TorchSharp's own start-up (the only way script hosts such as
/// notebooks and <c>dotnet fsi</c> find it) and sets the thread count. Call <see cref="Init"/> before building
/// any module; every kit entry point that needs libtorch calls it for you.
/// </summary>
public static class Kit
{
    private static readonly object Gate = new();
    private static bool initialised;
    private static CpuSnapshot? lastSnapshot;

    /// <summary>The libtorch intra-op thread count in use.</summary>
    public static int Threads { get; private set; }

    /// <summary>True when the thread count follows the machine's load (<see cref="ThreadPolicy"/>), false when fixed.</summary>
    public static bool AutomaticThreads { get; private set; }

    /// <summary>
    /// Loads libtorch (CPU) and sets the thread count: <paramref name="threads"/> if given, else <c>TRICKS_THREADS</c>,
    /// else automatic (<see cref="ThreadPolicy"/>). Safe to call many times; a later call only changes the count
    /// when it names one.
    /// </summary>
    /// <exception cref="InvalidOperationException">libtorch cannot be loaded; the message says what to install.</exception>
    public static void Init(int? threads = null)
    {
        if (threads is < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, $"threads must be >= 1, got {threads}.");
        lock (Gate)
        {
            if (!initialised)
            {
                try
                {
                    torch.InitializeDeviceType(DeviceType.CPU);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw new InvalidOperationException(LibTorchDiagnosis.Explain(e), e);
                }
                initialised = true;
                var fixedCount = threads ?? ThreadPolicy.FromEnvironment();
                AutomaticThreads = fixedCount is null;
                Set(fixedCount ?? ThreadPolicy.Choose(TimeSpan.FromMilliseconds(50)));
                lastSnapshot = CpuSnapshot.Read();
            }
            else if (threads is int n)
            {
                AutomaticThreads = false;
                Set(n);
            }
        }
    }

    /// <summary>
    /// With automatic threads, re-reads the machine's load since the last check and adjusts the count (cheap: two
    /// small /proc reads). The training loops call it at every epoch.
    /// </summary>
    public static void AdaptThreads()
    {
        lock (Gate)
        {
            if (!initialised || !AutomaticThreads) return;
            var now = CpuSnapshot.Read();
            Set(ThreadPolicy.FromLoad(lastSnapshot, now));
            lastSnapshot = now;
        }
    }

    private static void Set(int n)
    {
        if (n == Threads) return;
        torch.set_num_threads(n);
        Threads = n;
    }
}
