using Tricks.Gallery;
using Tricks.NotebookRunner;
using Tricks.TestSupport;
using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>
/// Every notebook under notebooks/, executed once for the test class as the main job does: one notebook per core at a
/// time (<see cref="NotebookBatch"/>). The results are the same as one at a time.
/// </summary>
public sealed class ExecutedNotebooks
{
    /// <summary>Each notebook's result, by file name.</summary>
    public IReadOnlyDictionary<string, NotebookResult> ByFile { get; }

    public ExecutedNotebooks()
    {
        var root = Tricks.Lab.Repository.FindRoot();
        var notebooks = NotebookExecutor.Discover(root);
        var results = NotebookBatch.Run(notebooks, Environment.ProcessorCount, Path.Combine(root, "artifacts", "notebooks"));
        ByFile = notebooks.Select((n, i) => (Path.GetFileName(n), results[i])).ToDictionary(p => p.Item1, p => p.Item2);
    }
}

/// <summary>
/// Every notebook under notebooks/ is a test: executed headless by dotnet-repl with a time limit, its executed copy
/// saved to artifacts/notebooks/, failing with the notebook, the cell and the error text. New notebooks are found
/// without editing this file.
/// </summary>
public class NotebookTests(ExecutedNotebooks executed) : IClassFixture<ExecutedNotebooks>
{
    private static readonly string Root = Tricks.Lab.Repository.FindRoot();

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var nb in NotebookExecutor.Discover(Root)) data.Add(Path.GetFileName(nb));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_without_error(string notebook)
    {
        var result = executed.ByFile[notebook];
        Assert.True(result.Succeeded, result.Describe());
        Assert.True(File.Exists(result.ExecutedPath), $"{notebook}: no executed copy was written");
        Assert.True(result.Size!.WithinBudget, $"{notebook}: {result.Size}");
        var shape = NotebookShape.Read(result.ExecutedPath!);
        Assert.True(shape.FSharpCellsWithOutput > 0, $"{notebook}: no F# cell ran and printed anything");
        // dotnet-repl rolls forward to the newest major runtime installed: fail loudly if that is not .NET 10.
        var ready = NotebookShape.TextOutputs(result.ExecutedPath!).FirstOrDefault(t => t.Contains("Tricks kit ready", StringComparison.Ordinal));
        Assert.True(ready is not null, $"{notebook}: the set-up cell printed no 'Tricks kit ready' line");
        Assert.True(ready!.Contains(".NET 10.", StringComparison.Ordinal), $"{notebook}: the notebook host does not run on .NET 10: {ready}");
        Assert.False(ready.Contains("started without", StringComparison.Ordinal), $"{notebook}: the runner started the host without Kit.HostEnvironment: {ready}");
        // Its gallery page draws every chart offline, with no script error.
        if (Chromium.Find() is null) { Assert.False(Chromium.Required(), "Chromium not found: run ./build.sh setup or set TRICKS_CHROMIUM."); return; }
        var site = Directory.CreateTempSubdirectory("tricks-page").FullName;
        try
        {
            Site.WriteAssets(site);
            var page = Path.Combine(site, Path.ChangeExtension(notebook, ".html"));
            File.WriteAllText(page, NotebookPage.Html(GalleryEntry.For(ExecutedNotebook.Read(result.ExecutedPath!))));
            var check = Chromium.Check(page);
            Assert.True(check.Charts >= 1, $"{notebook}: its gallery page has no chart");
            Assert.True(check.Clean, $"{notebook}: {check}");
        }
        finally { Directory.Delete(site, true); }
    }

    [Fact]
    public void Every_results_JSON_has_the_committed_SHA_256_sum()
    {
        // The pinned kernels give these bytes on every x86-64 CPU with AVX2: a commit that changes numbers updates
        // docs/results.sha256 (sha256sum -c docs/results.sha256 after ./build.sh run), and another mode, seed set or
        // kernel choice is not held to it.
        if (ResultSums.NotComparable() is { } why) { Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"CI must run at the defaults: {why}"); return; }
        var committed = ResultSums.Committed();
        var results = Path.Combine(Root, "artifacts", "results");
        var names = executed.ByFile.Keys.Select(n => Path.ChangeExtension(n, ".json")).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names, committed.Keys.Order(StringComparer.Ordinal).ToArray());
        var differ = names.Where(n => ResultSums.Of(Path.Combine(results, n)) != committed[n]).ToArray();
        Assert.True(differ.Length == 0, $"results JSON that differ from {ResultSums.File} ({TricksKit.CpuKernels.Cpu}): {string.Join(", ", differ)}. A change of numbers updates the sums in the same commit.");
        foreach (var n in names) Assert.True(File.Exists(Path.Combine(results, Path.ChangeExtension(n, ".cpu.json"))), $"{n} has no .cpu.json beside it");
    }

    [Fact]
    public void A_failing_notebook_is_reported_with_its_cell_and_error()
    {
        var outDir = Path.Combine(Root, "artifacts", "test-fixtures");
        var result = NotebookExecutor.Run(Path.Combine(AppContext.BaseDirectory, "fixtures", "failing.ipynb"), outDir);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Cell);
        Assert.Equal(3, error.CodeCell);
        Assert.Contains("deliberate failure for the harness test", error.Text);
        var message = result.Describe();
        Assert.Contains("failing: cell 4 (code cell 3) failed", message);
        Assert.Contains("deliberate failure for the harness test", message);
        Assert.True(File.Exists(result.ExecutedPath));
    }

    [Fact]
    public void A_notebook_over_its_time_limit_is_stopped_and_reported()
    {
        var outDir = Path.Combine(Root, "artifacts", "test-fixtures");
        var result = NotebookExecutor.Run(Path.Combine(AppContext.BaseDirectory, "fixtures", "slow.ipynb"), outDir, TimeSpan.FromSeconds(20));
        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
        Assert.Contains("slow: timed out", result.Describe());
    }
}
