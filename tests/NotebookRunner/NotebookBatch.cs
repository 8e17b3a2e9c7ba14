namespace Tricks.NotebookRunner;

/// <summary>
/// Executes notebooks <c>jobs</c> at a time from one queue in name order, each notebook's experiment training up to
/// cores / (notebooks at once) runs at once, so a notebook that runs alone gets every core; the last notebook to start
/// gets every core too, since the lanes before it finish one by one and would leave their cores idle while it runs
/// (session 15: notebook 11, the last and the longest, ran 65 s alone on one core of two). Used by the main job and
/// the notebook tests; the results are the same for any <c>jobs</c> and any parallelism (every run uses one libtorch
/// thread). (Longest-first by the last run's times was tried: 299.5 s against 275.5 s in name order, one run each; no
/// gain shown, so not kept.)
/// </summary>
public static class NotebookBatch
{
    /// <summary>
    /// Runs <paramref name="notebooks"/>; calls <paramref name="done"/> (under a lock) with each result's index as it
    /// finishes; returns the results in the given order.
    /// </summary>
    public static IReadOnlyList<NotebookResult> Run(IReadOnlyList<string> notebooks, int jobs, string outputDir, string? resultsDir = null,
        Action<int, NotebookResult>? done = null)
    {
        ArgumentNullException.ThrowIfNull(notebooks);
        if (jobs < 1) throw new ArgumentOutOfRangeException(nameof(jobs), jobs, $"jobs must be >= 1, got {jobs}.");
        var results = new NotebookResult?[notebooks.Count];
        var queue = new System.Collections.Concurrent.ConcurrentQueue<int>(Enumerable.Range(0, notebooks.Count));
        int atOnce = Math.Min(jobs, notebooks.Count);
        int parallelism = Math.Max(1, Environment.ProcessorCount / Math.Max(1, atOnce));
        var gate = new object();
        var lanes = Enumerable.Range(0, atOnce).Select(_ => Task.Run(() =>
        {
            while (queue.TryDequeue(out var i))
            {
                var r = NotebookExecutor.Run(notebooks[i], outputDir, resultsDir: resultsDir, parallelism: queue.IsEmpty ? Environment.ProcessorCount : parallelism);
                lock (gate)
                {
                    results[i] = r;
                    done?.Invoke(i, r);
                }
            }
        })).ToArray();
        Task.WaitAll(lanes);
        return results.Select(r => r!).ToArray();
    }
}
