using System.Globalization;
using Tricks.NotebookRunner;

// The main job: execute every notebook under notebooks/ (or the ones named) headless, write the executed copies to
// artifacts/notebooks/ and let each notebook write its results JSON to artifacts/results/; one line per notebook, in
// name order. --jobs N runs N notebooks at a time (default: the cores) from one queue, and each
// notebook's experiment trains up to cores / N runs at once (in worker processes when above 1: TRICKS_PARALLELISM);
// every run uses one libtorch thread, so the results are the same for any N.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
// Whatever escapes ends as one line and exit 2 (--verbose: with the stack trace), as the twins and the worker do.
bool verbose = args.Contains("--verbose");
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    var error = e.ExceptionObject as Exception;
    Console.Error.WriteLine($"runner: {(error is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : error)?.Message ?? e.ExceptionObject}");
    if (verbose) Console.Error.WriteLine(error);
    Environment.Exit(2);
};
int jobs = Environment.ProcessorCount;
int shard = 1, shards = 1;
TricksKit.Experiments.Execution.CommandLine line;
try
{
    line = TricksKit.Experiments.Execution.CommandLine.Parse(args, new[] { "--jobs", "--shard", "--table" }, new[] { "--merge", "--verbose" }, positional: true,
        usage: "NOTEBOOK.ipynb ..., --jobs N, --shard i/n, --merge, --table FILE.md, --verbose");
    if (line["--shard"] is { } s) (shard, shards) = TricksKit.Experiments.Execution.Shards.Parse(s, "--shard");
    if (line["--jobs"] is { } j && (!int.TryParse(j, out jobs) || jobs < 1)) throw new ArgumentException($"--jobs must be a whole number >= 1, e.g. --jobs 2; got '{j}'.", "--jobs");
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
bool mergeOnly = line.Has("--merge");
// --table FILE.md: every claim of the run (estimate, interval, verdict, seeds, commit) as one Markdown table, e.g. docs/full-mode.md.
var table = line["--table"] is { } t ? Path.GetFullPath(t) : null;
var names = line.Positional;
var root = Tricks.Lab.Repository.FindRoot();
var all = names.Count > 0 ? names.Select(Path.GetFullPath).ToArray() : NotebookExecutor.Discover(root).ToArray();
// --shard i/n: this machine's share of the notebooks (every n-th, from the i-th); the shards' artifacts/notebooks and
// artifacts/results folders are then put together and `--merge` builds the gallery and the summary from them.
var notebooks = all.Where((_, k) => k % shards == shard - 1).ToArray();
var outDir = Path.Combine(root, "artifacts", "notebooks");
var resultsDir = Environment.GetEnvironmentVariable("TRICKS_RESULTS_DIR") ?? Path.Combine(root, "artifacts", "results");
var siteDir = Path.Combine(root, "artifacts", "site");
if (mergeOnly)
{
    int missing = 0;
    foreach (var nb in all)
    {
        var name = Path.GetFileNameWithoutExtension(nb);
        var claims = NotebookExecutor.ReadClaims(resultsDir, name);
        bool executed = File.Exists(Path.Combine(outDir, name + ".ipynb"));
        if (!executed || claims is null || claims.Held < claims.Total) missing++;
        Console.WriteLine($"{name,-28} {(claims?.ToString() ?? "-"),13}  {(executed ? "executed" : "MISSING")}");
    }
    var merged = Tricks.Gallery.Site.Build(outDir, resultsDir, siteDir, null, $"Merged from {shards} shard(s) on {DateTime.UtcNow:yyyy-MM-dd}.");
    Console.WriteLine($"merge: {all.Length - missing} of {all.Length} notebooks present with every claim passed; gallery: {merged.Count} pages in {Path.GetRelativePath(root, siteDir)}/");
    return missing == 0 ? 0 : 1;
}
if (notebooks.Length == 0) { Console.Error.WriteLine(all.Length == 0 ? "no notebooks under notebooks/" : $"shard {shard}/{shards} has no notebook"); return 2; }
try
{
    // Every notebook named is checked before any runs, and the results folder is writable: one line and exit 2 otherwise.
    foreach (var nb in notebooks) NotebookExecutor.Check(nb);
    TricksKit.AtomicFile.CheckWritable(resultsDir);
    if (table is not null) TricksKit.AtomicFile.CheckWritable(Path.GetDirectoryName(table)!);
}
catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
Console.WriteLine($"{"notebook",-28} {"seconds",8}  {"peak RSS MB",11}  {"claims passed",13}  {"MB (no plotly.js)",17}  status");
var results = new NotebookResult?[notebooks.Length];
int printed = 0;
var clock = System.Diagnostics.Stopwatch.StartNew();
NotebookBatch.Run(notebooks, jobs, outDir, resultsDir, (i, r) =>
{
    results[i] = r;
    // Print in name order: every finished notebook whose predecessors are all printed.
    for (; printed < results.Length && results[printed] is { } p; printed++)
    {
        var size = p.Size is { } s ? $"{s.BytesWithoutPlotlyJs / 1e6:F2}" : "-";
        Console.WriteLine($"{p.Name,-28} {p.Seconds,8:F1}  {p.PeakRssMb,11:F0}  {(p.Claims?.ToString() ?? "-"),13}  {size,17}  {(p.Succeeded ? "ok" : "FAILED")}");
        if (!p.Succeeded) Console.WriteLine("    " + p.Describe().Replace("\n", "\n    "));
    }
});
int failed = results.Count(r => !r!.Succeeded);
Console.WriteLine($"{"total",-28} {clock.Elapsed.TotalSeconds,8:F1}  {results.Max(r => r!.PeakRssMb),11:F0}  {notebooks.Length - failed} of {notebooks.Length} notebooks ok ({jobs} at a time); executed copies in {Path.GetRelativePath(root, outDir)}/, results in {Path.GetRelativePath(root, resultsDir)}/");
// The gallery: every executed notebook as a page, an index with each trick's figure and verdicts; opens offline.
var seconds = results.Where(r => r is not null).ToDictionary(r => r!.Name, r => r!.Seconds);
var pages = Tricks.Gallery.Site.Build(outDir, resultsDir, siteDir, seconds,
    $"Built by the main job on {DateTime.UtcNow:yyyy-MM-dd} ({jobs} notebook(s) at a time on {Environment.ProcessorCount} cores).");
Console.WriteLine($"gallery: {pages.Count} pages in {Path.GetRelativePath(root, siteDir)}/ (open index.html; no network needed)");
if (table is not null)
{
    var runs = notebooks.Select(nb => Path.GetFileNameWithoutExtension(nb))
        .Select(name => (name, file: Path.Combine(resultsDir, name + ".json")))
        .Where(n => File.Exists(n.file))
        .Select(n => (n.name, TricksKit.Experiments.ResultsJson.Read(n.file))).ToArray();
    TricksKit.AtomicFile.WriteAllText(table, Tricks.Gallery.ClaimsTable.Markdown(runs, GitCommit.Describe(root),
        $"Run on {DateTime.UtcNow:yyyy-MM-dd}, {jobs} notebook(s) at a time on {Environment.ProcessorCount} cores, {clock.Elapsed.TotalSeconds:F0} s in all."));
    Console.WriteLine($"table: {runs.Sum(r => r.Item2.Claims.Count)} claims of {runs.Length} notebook(s) in {Path.GetRelativePath(root, table)}");
}
return failed == 0 ? 0 : 1;
