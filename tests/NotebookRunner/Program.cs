using System.Globalization;
using Tricks.NotebookRunner;

// The main job: execute every notebook under notebooks/ (or the ones named) headless, write the executed copies to
// artifacts/notebooks/ and let each notebook write its results JSON to artifacts/results/; one line per notebook.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var root = NotebookExecutor.FindRoot();
var notebooks = args.Length > 0 ? args.Select(Path.GetFullPath).ToArray() : NotebookExecutor.Discover(root).ToArray();
if (notebooks.Length == 0) { Console.Error.WriteLine("no notebooks under notebooks/"); return 2; }
var outDir = Path.Combine(root, "artifacts", "notebooks");
var resultsDir = Environment.GetEnvironmentVariable("TRICKS_RESULTS_DIR") ?? Path.Combine(root, "artifacts", "results");
Console.WriteLine($"{"notebook",-28} {"seconds",8}  {"claims held",11}  status");
int failed = 0;
double total = 0;
foreach (var nb in notebooks)
{
    var r = NotebookExecutor.Run(nb, outDir, resultsDir: resultsDir);
    total += r.Seconds;
    if (!r.Succeeded) failed++;
    Console.WriteLine($"{r.Name,-28} {r.Seconds,8:F1}  {(r.Claims?.ToString() ?? "-"),11}  {(r.Succeeded ? "ok" : "FAILED")}");
    if (!r.Succeeded) Console.WriteLine("    " + r.Describe().Replace("\n", "\n    "));
}
Console.WriteLine($"{"total",-28} {total,8:F1}  {notebooks.Length - failed} of {notebooks.Length} notebooks ok; executed copies in {Path.GetRelativePath(root, outDir)}/, results in {Path.GetRelativePath(root, resultsDir)}/");
return failed == 0 ? 0 : 1;
