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
    line = TricksKit.Experiments.Execution.CommandLine.Parse(args, new[] { "--jobs", "--shard", "--table", "--out" }, new[] { "--merge", "--force", "--verbose" }, positional: true,
        usage: "NOTEBOOK.ipynb ..., --jobs N, --shard i/n, --merge, --force, --table FILE.md, --out DIR, --verbose");
    if (line["--shard"] is { } s) (shard, shards) = TricksKit.Experiments.Execution.Shards.Parse(s, "--shard");
    if (line["--jobs"] is { } j && (!int.TryParse(j, out jobs) || jobs < 1)) throw new ArgumentException($"--jobs must be a whole number >= 1, e.g. --jobs 2; got '{j}'.", "--jobs");
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
bool mergeOnly = line.Has("--merge");
// --force: rerun every notebook, even those whose executed copy is still current (RunStamp).
bool force = line.Has("--force");
// --table FILE.md: every claim of the run (estimate, interval, verdict, seeds, commit) as one Markdown table, e.g. docs/full-mode.md.
var table = line["--table"] is { } t ? Path.GetFullPath(t) : null;
var names = line.Positional;
var root = Tricks.Lab.Repository.FindRoot();
var all = names.Count > 0 ? names.Select(Path.GetFullPath).ToArray() : NotebookExecutor.Discover(root).ToArray();
// --shard i/n: this machine's share of the notebooks (every n-th, from the i-th); the shards' artifacts/notebooks and
// artifacts/results folders are then put together and `--merge` builds the gallery and the summary from them.
var notebooks = all.Where((_, k) => k % shards == shard - 1).ToArray();
// --out DIR: executed copies, results and gallery under DIR/notebooks, DIR/results and DIR/site (default: artifacts/).
var artifacts = line["--out"] is { } o ? Path.GetFullPath(o) : Path.Combine(root, "artifacts");
var outDir = Path.Combine(artifacts, "notebooks");
var resultsDir = line["--out"] is null && Environment.GetEnvironmentVariable("TRICKS_RESULTS_DIR") is { } rd ? rd : Path.Combine(artifacts, "results");
var siteDir = Path.Combine(artifacts, "site");
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
    var merged = Tricks.Gallery.Site.Build(Gallery(new Dictionary<string, Tricks.Gallery.NotebookRun>(), $"Merged from {shards} shard(s) on {DateTime.UtcNow:yyyy-MM-dd}.", null));
    Console.WriteLine($"merge: {all.Length - missing} of {all.Length} notebooks present with every claim passed; gallery: {merged.Count} pages in {Path.GetRelativePath(root, siteDir)}/");
    if (table is not null) WriteTable(all, $"Merged on {DateTime.UtcNow:yyyy-MM-dd} from the results in {Path.GetRelativePath(root, resultsDir)}/.");
    return missing == 0 ? 0 : 1;
}
if (notebooks.Length == 0) { Console.Error.WriteLine(all.Length == 0 ? "no notebooks under notebooks/" : $"shard {shard}/{shards} has no notebook"); return 2; }
try
{
    // Every notebook named is checked before any runs, and the results folder is writable: one line and exit 2 otherwise.
    foreach (var nb in notebooks) NotebookExecutor.Check(nb);
    _ = TricksKit.Experiments.ExperimentSettings.KernelsFromEnvironment();   // TRICKS_KERNELS: pinned or native
    TricksKit.AtomicFile.CheckWritable(resultsDir);
    if (table is not null) TricksKit.AtomicFile.CheckWritable(Path.GetDirectoryName(table)!);
}
catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
Console.WriteLine($"{"notebook",-28} {"seconds",8}  {"peak RSS MB",11}  {"claims passed",13}  {"MB (no plotly.js)",17}  status");
var clock = System.Diagnostics.Stopwatch.StartNew();
var commit = GitCommit.Describe(root);
// A notebook whose executed copy is current (nothing it depends on changed since it ran: RunStamp) is kept, not rerun.
var inputs = RunStamp.Inputs(root, Tricks.Lab.LabSettings.FromEnvironment().DataPath);
var lines = notebooks.Select(nb => RunStamp.Of(nb, inputs)).ToArray();
var results = new NotebookResult?[notebooks.Length];
var reused = new bool[notebooks.Length];
var why = new string[notebooks.Length];
for (int i = 0; i < notebooks.Length; i++)
{
    var name = Path.GetFileNameWithoutExtension(notebooks[i]);
    if (force) { why[i] = "--force"; continue; }
    var (stamp, reason) = RunStamp.Reusable(outDir, resultsDir, name, lines[i]);
    why[i] = reason;
    if (stamp is null) continue;
    var executed = Path.Combine(outDir, name + ".ipynb");
    results[i] = new NotebookResult(name, notebooks[i], executed, stamp.Seconds, Array.Empty<CellError>(), false, 0, "",
        NotebookExecutor.ReadClaims(resultsDir, name), NotebookSize.Measure(executed), stamp.PeakRssMb) { Commit = stamp.Commit };
    reused[i] = true;
}
var stale = Enumerable.Range(0, notebooks.Length).Where(i => !reused[i]).ToArray();
int printed = 0;
void Print()
{
    // In name order: every finished notebook whose predecessors are all printed.
    for (; printed < results.Length && results[printed] is { } p; printed++)
    {
        var size = p.Size is { } s ? $"{s.BytesWithoutPlotlyJs / 1e6:F2}" : "-";
        Console.WriteLine($"{p.Name,-28} {p.Seconds,8:F1}  {p.PeakRssMb,11:F0}  {(p.Claims?.ToString() ?? "-"),13}  {size,17}  {(reused[printed] ? "reused" : p.Succeeded ? "ok" : "FAILED")}{(reused[printed] || why[printed] is "no earlier run" or "--force" ? "" : $" (rerun: {why[printed]})")}");
        if (!p.Succeeded) Console.WriteLine("    " + p.Describe().Replace("\n", "\n    "));
    }
}
Print();
if (stale.Length > 0)
    NotebookBatch.Run(stale.Select(i => notebooks[i]).ToArray(), jobs, outDir, resultsDir, (k, r) =>
    {
        int i = stale[k];
        results[i] = r with { Commit = commit };
        if (r.Succeeded)
            new RunStamp(RunStamp.HashLines(lines[i]), r.Seconds, r.PeakRssMb, commit, RunStamp.HashOf(Path.Combine(resultsDir, r.Name + ".json"))) { Lines = lines[i] }.Write(outDir, r.Name);
        else File.Delete(RunStamp.PathOf(outDir, r.Name));
        Print();
    });
int failed = results.Count(r => !r!.Succeeded);
var reuse = reused.Count(r => r) is int kept and > 0 ? $"; {kept} reused ({string.Join(", ", notebooks.Where((_, i) => reused[i]).Select(Path.GetFileNameWithoutExtension))}), --force reruns them" : "";
Console.WriteLine($"{"total",-28} {clock.Elapsed.TotalSeconds,8:F1}  {results.Max(r => r!.PeakRssMb),11:F0}  {notebooks.Length - failed} of {notebooks.Length} notebooks ok ({jobs} at a time{reuse}); executed copies in {Path.GetRelativePath(root, outDir)}/, results in {Path.GetRelativePath(root, resultsDir)}/");
// The gallery: every executed notebook as a page, an index of cards with thumbnails, execution times; opens offline.
var runs = results.Select((r, i) => (r: r!, i)).ToDictionary(x => x.r.Name,
    x => new Tricks.Gallery.NotebookRun(x.r.Seconds, x.r.PeakRssMb, x.r.Size?.Bytes ?? 0, reused[x.i], x.r.Commit));
// Executed notebooks this run did not name (./build.sh run notebooks/one.ipynb) keep the facts of the run that made them.
foreach (var executed in Directory.GetFiles(outDir, "*.ipynb"))
    if (Path.GetFileNameWithoutExtension(executed) is var other && !runs.ContainsKey(other) && RunStamp.Read(outDir, other) is { } earlier)
        runs[other] = new Tricks.Gallery.NotebookRun(earlier.Seconds, earlier.PeakRssMb, new FileInfo(executed).Length, true, earlier.Commit);
var pages = Tricks.Gallery.Site.Build(Gallery(runs, $"Built by the main job on {DateTime.UtcNow:yyyy-MM-dd} ({jobs} notebook(s) at a time on {Environment.ProcessorCount} cores).",
    (clock.Elapsed.TotalSeconds, Math.Min(jobs, Math.Max(1, stale.Length)))));
Console.WriteLine($"gallery: {pages.Count} pages in {Path.GetRelativePath(root, siteDir)}/ (open index.html; no network needed)");
if (table is not null) WriteTable(notebooks, $"Run on {DateTime.UtcNow:yyyy-MM-dd}, {jobs} notebook(s) at a time on {Environment.ProcessorCount} cores, {clock.Elapsed.TotalSeconds:F0} s in all.");
return failed == 0 ? 0 : 1;

// --table: every claim of the notebooks' results JSON as one Markdown table, with the commit.
void WriteTable(IEnumerable<string> run, string generated)
{
    var claimRuns = run.Select(nb => Path.GetFileNameWithoutExtension(nb))
        .Select(name => (name, file: Path.Combine(resultsDir, name + ".json")))
        .Where(n => File.Exists(n.file))
        .Select(n => (n.name, TricksKit.Experiments.ResultsJson.Read(n.file))).ToArray();
    TricksKit.AtomicFile.WriteAllText(table!, Tricks.Gallery.ClaimsTable.Markdown(claimRuns, GitCommit.Describe(root), generated));
    Console.WriteLine($"table: {claimRuns.Sum(r => r.Item2.Claims.Count)} claims of {claimRuns.Length} notebook(s) in {Path.GetRelativePath(root, table!)}");
}

// The gallery's inputs: the executed notebooks and results, the notebooks and twins as downloads, thumbnails by Chromium (kept in artifacts/thumbs/).
Tricks.Gallery.SiteInputs Gallery(IReadOnlyDictionary<string, Tricks.Gallery.NotebookRun> runs, string generated, (double, int)? total) =>
    new(outDir, resultsDir, siteDir)
    {
        Runs = runs, Generated = generated, Total = total, SourcesDir = Path.Combine(root, "notebooks"), ScriptsDir = Path.Combine(root, "scripts"),
        Chromium = Tricks.Gallery.Thumbnail.FindBrowser(), ThumbnailCache = Path.Combine(root, "artifacts", "thumbs"), Log = Console.WriteLine,
    };
