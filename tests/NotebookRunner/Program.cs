using System.Globalization;
using Tricks.NotebookRunner;

// The main job: execute every notebook under notebooks/ (or the ones named) headless, write the executed copies to
// artifacts/notebooks/ and let each notebook write its results JSON to artifacts/results/; one line per notebook, in
// name order. --jobs N runs N notebooks at a time (default 1), and each notebook's experiment trains up to cores / N runs
// at once in worker processes (TRICKS_PARALLELISM); every run uses one libtorch thread, so the results are the same
// for any N.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
int jobs = 1;
var names = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--jobs")
    {
        if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out jobs) || jobs < 1)
        {
            Console.Error.WriteLine("--jobs must be followed by a whole number >= 1, e.g. --jobs 2");
            return 2;
        }
        i++;
    }
    else names.Add(args[i]);
}
var root = NotebookExecutor.FindRoot();
var notebooks = names.Count > 0 ? names.Select(Path.GetFullPath).ToArray() : NotebookExecutor.Discover(root).ToArray();
if (notebooks.Length == 0) { Console.Error.WriteLine("no notebooks under notebooks/"); return 2; }
var outDir = Path.Combine(root, "artifacts", "notebooks");
var resultsDir = Environment.GetEnvironmentVariable("TRICKS_RESULTS_DIR") ?? Path.Combine(root, "artifacts", "results");
Console.WriteLine($"{"notebook",-28} {"seconds",8}  {"peak RSS MB",11}  {"claims passed",13}  {"MB (no plotly.js)",17}  status");
var results = new NotebookResult?[notebooks.Length];
int printed = 0;
var gate = new object();
var clock = System.Diagnostics.Stopwatch.StartNew();
Parallel.For(0, notebooks.Length, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
{
    var r = NotebookExecutor.Run(notebooks[i], outDir, resultsDir: resultsDir, parallelism: Math.Max(1, Environment.ProcessorCount / jobs));
    lock (gate)
    {
        results[i] = r;
        // Print in name order: every finished notebook whose predecessors are all printed.
        for (; printed < results.Length && results[printed] is { } p; printed++)
        {
            var size = p.Size is { } s ? $"{s.BytesWithoutPlotlyJs / 1e6:F2}" : "-";
            Console.WriteLine($"{p.Name,-28} {p.Seconds,8:F1}  {p.PeakRssMb,11:F0}  {(p.Claims?.ToString() ?? "-"),13}  {size,17}  {(p.Succeeded ? "ok" : "FAILED")}");
            if (!p.Succeeded) Console.WriteLine("    " + p.Describe().Replace("\n", "\n    "));
        }
    }
});
int failed = results.Count(r => !r!.Succeeded);
Console.WriteLine($"{"total",-28} {clock.Elapsed.TotalSeconds,8:F1}  {results.Max(r => r!.PeakRssMb),11:F0}  {notebooks.Length - failed} of {notebooks.Length} notebooks ok ({jobs} at a time); executed copies in {Path.GetRelativePath(root, outDir)}/, results in {Path.GetRelativePath(root, resultsDir)}/");
// The gallery: every executed notebook as a page, an index with each trick's figure and verdicts; opens offline.
var siteDir = Path.Combine(root, "artifacts", "site");
var seconds = results.Where(r => r is not null).ToDictionary(r => r!.Name, r => r!.Seconds);
var pages = Tricks.Gallery.Site.Build(outDir, resultsDir, siteDir, seconds,
    $"Built by the main job on {DateTime.UtcNow:yyyy-MM-dd} ({jobs} notebook(s) at a time on {Environment.ProcessorCount} cores).");
Console.WriteLine($"gallery: {pages.Count} pages in {Path.GetRelativePath(root, siteDir)}/ (open index.html; no network needed)");
return failed == 0 ? 0 : 1;
