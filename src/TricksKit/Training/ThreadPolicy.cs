namespace TricksKit;

/// <summary>
/// How many libtorch threads the kit uses. The default is 1, chosen on measurement (README, "Threads", and
/// <c>./build.sh bench</c>): on this 2-core class of machine 2 threads halve a step only when nothing else
/// runs, but with one other busy process (a test runner, a second notebook, CI) they are 1.7-1.9x slower
/// than 1 thread, and 10-40x under heavier load (OpenMP spinning). One thread also gives bit-identical
/// numbers run after run. Override with <c>TRICKS_THREADS</c> or <c>Kit.Init(threads)</c>.
/// </summary>
public static class ThreadPolicy
{
    /// <summary>The kit's default thread count (1).</summary>
    public const int DefaultThreads = 1;

    /// <summary>The count set by the <c>TRICKS_THREADS</c> environment variable, or null when unset.</summary>
    public static int? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("TRICKS_THREADS");
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!int.TryParse(text, out var n) || n < 1)
            throw new ArgumentException($"TRICKS_THREADS must be a whole number >= 1, got '{text}'.", "TRICKS_THREADS");
        return n;
    }
}
