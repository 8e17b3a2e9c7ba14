using System.Diagnostics;
using TricksKit;

namespace Tricks.Bench;

/// <summary>
/// The ten notebooks' experiments (quick mode, seeds 0-2, no notebook host), each run twice back to back: its runs one
/// after another in this process, then over one lane per core (this process and a worker process for each other lane). The ratio is measured in one run.
/// </summary>
internal static class ExperimentsBench
{
    public static List<Dictionary<string, object>> Run()
    {
        int cores = Environment.ProcessorCount;
        if (Catalog.Worker() is null) throw new InvalidOperationException("Tricks.Worker is not built (artifacts/kit/): run ./build.sh setup.");
        var rows = new List<Dictionary<string, object>>();
        double sequentialTotal = 0, parallelTotal = 0;
        foreach (var design in Catalog.All.Select(s => s.Design))
        {
            var settings = new ExperimentSettings(RunMode.Quick, new[] { 0, 1, 2 });
            double sequential = Time(() => design.Run(settings with { Parallelism = 1 }));
            double parallel = Time(() => design.Run(settings with { Parallelism = cores }));
            sequentialTotal += sequential;
            parallelTotal += parallel;
            rows.Add(new() { ["experiment"] = design.Name, ["one_lane_s"] = Math.Round(sequential, 1), [$"{cores}_lanes_s"] = Math.Round(parallel, 1), ["speedup"] = Math.Round(sequential / parallel, 2) });
            Console.WriteLine($"experiment {design.Name,-20} 1 lane {sequential,7:F1} s   {cores} lanes {parallel,7:F1} s   speed-up {sequential / parallel,5:F2}x");
        }
        rows.Add(new() { ["experiment"] = "all ten", ["one_lane_s"] = Math.Round(sequentialTotal, 1), [$"{cores}_lanes_s"] = Math.Round(parallelTotal, 1), ["speedup"] = Math.Round(sequentialTotal / parallelTotal, 2) });
        Console.WriteLine($"experiment {"all ten",-20} 1 lane {sequentialTotal,7:F1} s   {cores} lanes {parallelTotal,7:F1} s   speed-up {sequentialTotal / parallelTotal,5:F2}x");
        return rows;
    }

    private static double Time(Action a)
    {
        var sw = Stopwatch.StartNew();
        a();
        return sw.Elapsed.TotalSeconds;
    }
}
