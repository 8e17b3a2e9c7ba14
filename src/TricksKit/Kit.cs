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

    /// <summary>The libtorch intra-op thread count in use after <see cref="Init"/>.</summary>
    public static int Threads { get; private set; }

    /// <summary>
    /// Loads libtorch (CPU) and sets the thread count: <paramref name="threads"/> if given, else
    /// <c>TRICKS_THREADS</c>, else <see cref="ThreadPolicy.DefaultThreads"/>. Safe to call many times.
    /// </summary>
    /// <exception cref="InvalidOperationException">libtorch cannot be loaded; the message says what to install.</exception>
    public static void Init(int? threads = null)
    {
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
            }
            int n = threads ?? ThreadPolicy.FromEnvironment() ?? ThreadPolicy.DefaultThreads;
            if (n < 1) throw new ArgumentOutOfRangeException(nameof(threads), n, "threads must be >= 1.");
            if (n != Threads)
            {
                torch.set_num_threads(n);
                Threads = n;
            }
        }
    }
}
