using System.Diagnostics;
using TricksKit;

namespace Tricks.Bench;

/// <summary>
/// The studies' experiments (quick mode, seeds 0-2, no notebook host; nothing is chosen on these timings), each as a
/// profile: the design's first run in this process (its data decoded afresh and its code jitted), the same run again
/// (training, evaluation and claims, the data cached), the figures drawn from its result, then one lane per core (this
/// process and a worker process for each other lane, as the main job's experiments run) against one lane. The notebook
/// host's start-up is the start-up section's. Measured in one run.
/// </summary>
internal static class ExperimentsBench
{
    public static List<Dictionary<string, object>> Run()
    {
        int cores = Environment.ProcessorCount;
        var worker = Catalog.Worker() ?? throw new InvalidOperationException("Tricks.Worker is not built (artifacts/kit/): run ./build.sh setup.");
        var rows = new List<Dictionary<string, object>>();
        double sequentialTotal = 0, parallelTotal = 0;
        // The lanes beyond the first are worker processes: without Workers, Parallelism above 1 still runs in this process.
        var settings = LabSettings.FromEnvironment(environment: _ => null) with { Seeds = new[] { 0, 1, 2 }, Workers = worker };
        foreach (var study in Catalog.All)
        {
            ExperimentResult? result = null;
            double first = Time(() => result = study.Run(settings with { Parallelism = 1 }));
            double sequential = Time(() => result = study.Run(settings with { Parallelism = 1 }));
            double figures = Time(() => _ = study.Figures(result!));
            double parallel = Time(() => study.Run(settings with { Parallelism = cores }));
            sequentialTotal += sequential;
            parallelTotal += parallel;
            rows.Add(new()
            {
                ["experiment"] = study.Name, ["first_run_s"] = Math.Round(first, 1), ["one_lane_s"] = Math.Round(sequential, 1),
                ["first_run_extra_s"] = Math.Round(Math.Max(0, first - sequential), 1), ["figures_s"] = Math.Round(figures, 2),
                [$"{cores}_lanes_s"] = Math.Round(parallel, 1), ["speedup"] = Math.Round(sequential / parallel, 2),
            });
            Console.WriteLine($"experiment {study.Name,-20} first {first,6:F1} s  1 lane {sequential,6:F1} s (first run +{Math.Max(0, first - sequential),5:F1} s: data, JIT)  figures {figures,5:F2} s  {cores} lanes {parallel,6:F1} s  speed-up {sequential / parallel,5:F2}x");
        }
        rows.Add(new() { ["experiment"] = "all", ["one_lane_s"] = Math.Round(sequentialTotal, 1), [$"{cores}_lanes_s"] = Math.Round(parallelTotal, 1), ["speedup"] = Math.Round(sequentialTotal / parallelTotal, 2) });
        Console.WriteLine($"experiment {"all",-20} 1 lane {sequentialTotal,7:F1} s   {cores} lanes {parallelTotal,7:F1} s   speed-up {sequentialTotal / parallelTotal,5:F2}x");
        return rows;
    }

    private static double Time(Action a)
    {
        var sw = Stopwatch.StartNew();
        a();
        return sw.Elapsed.TotalSeconds;
    }
}
