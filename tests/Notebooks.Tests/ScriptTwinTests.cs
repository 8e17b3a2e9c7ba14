using System.Diagnostics;
using System.Text.Json;
using Tricks.NotebookRunner;
using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>Every trick notebook has a script twin (scripts/NN-name.cs), and a twin runs from a clean shell with dotnet run.</summary>
// `dotnet run scripts/NN.cs` builds the kit into artifacts/kit/ in its own configuration, which changes the files the
// runner fingerprints: not at the same time as RunnerReuseTests (a kit that changes mid-test reruns every notebook).
[Collection(KitBuildCollection.Name)]
public class ScriptTwinTests
{
    private static readonly string Root = Tricks.Lab.Repository.FindRoot();

    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> from the repository root, within 10 minutes.</summary>
    private static string Dotnet(params string[] args) => DotnetCli.Run(Root, TimeSpan.FromMinutes(10), args);

    [Fact]
    public void Every_trick_notebook_has_a_script_twin_running_its_design()
    {
        var notebooks = NotebookExecutor.Discover(Root).Select(p => Path.GetFileNameWithoutExtension(p)).Where(n => n != "00-tour").ToArray();
        Assert.Equal(11, notebooks.Length);
        foreach (var name in notebooks)
        {
            var twin = Path.Combine(Root, "scripts", name + ".cs");
            Assert.True(File.Exists(twin), $"{name}: no script twin at scripts/{name}.cs");
            var text = File.ReadAllText(twin);
            Assert.Contains("#:project ../src/Tricks.Lab/Tricks.Lab.csproj", text);
            var study = Catalog.Find(name);
            Assert.Equal(study.Twin, $"scripts/{name}.cs");
            Assert.Contains($"Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.{study.Folder.Split('/')[^2]});", text);
        }
    }

    [Fact]
    public void A_script_twin_runs_with_dotnet_run_and_writes_its_claims()
    {
        var results = Directory.CreateTempSubdirectory("tricks-twin").FullName;
        try
        {
            var stdout = Dotnet("run", "scripts/04-relu.cs", "--", "--seeds", "30,31,32,33,34", "--results", results);
            Assert.Contains("04-relu: 3/3 claims passed", stdout);
            // The standalone report: the paper's figures from this run, plotly.js inside, nothing fetched.
            var page = File.ReadAllText(Path.Combine(results, "04-relu.html"));
            Assert.Contains("cf. Krizhevsky et al. Fig. 1", page);
            Assert.Contains("Gradient norm per layer at initialisation", page);
            Assert.Contains("plotly.js v2", page);
            Assert.DoesNotContain("<script src", page);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "04-relu.json")));
            Assert.Equal(new[] { 30, 31, 32, 33, 34 }, doc.RootElement.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()));
            Assert.All(doc.RootElement.GetProperty("claims").EnumerateArray(), c =>
            {
                Assert.True(c.GetProperty("passed").GetBoolean());
                Assert.Equal(c.GetProperty("expected").GetString(), c.GetProperty("verdict").GetString());
                Assert.NotEqual("reproduced", c.GetProperty("control").GetProperty("verdict").GetString());
                foreach (var field in new[] { "estimate", "low", "high", "method", "n" }) Assert.True(c.TryGetProperty(field, out _), field);
            });
        }
        finally { Directory.Delete(results, true); }
    }

    [Fact]
    public void A_twin_on_the_CI_seeds_writes_the_notebooks_bytes()
    {
        // The twin and the notebook run one design: its results JSON is the committed sum of the main job's (pinned kernels).
        if (ResultSums.NotComparable() is { } why) { Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"CI must run at the defaults: {why}"); return; }
        var results = Directory.CreateTempSubdirectory("tricks-twin-sum").FullName;
        try
        {
            Dotnet("run", "scripts/01-focal-loss.cs", "--", "--results", results);
            Assert.Equal(ResultSums.Committed()["01-focal-loss.json"], ResultSums.Of(Path.Combine(results, "01-focal-loss.json")));
            Assert.True(File.Exists(Path.Combine(results, "01-focal-loss.cpu.json")));
        }
        finally { Directory.Delete(results, true); }
    }

    [Fact]
    public void The_fsharp_tour_script_runs_a_trick_with_dotnet_fsi()
    {
        var results = Directory.CreateTempSubdirectory("tricks-fsx").FullName;
        try
        {
            var stdout = Dotnet("fsi", "scripts/tour.fsx", "--seeds", "30,31,32,33,34", "--results", results);
            Assert.Contains("04-relu: 3/3 claims passed", stdout);
            Assert.Contains("cf. Krizhevsky et al. Fig. 1", File.ReadAllText(Path.Combine(results, "04-relu.html")));
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "04-relu.json")));
            Assert.Equal(new[] { 30, 31, 32, 33, 34 }, doc.RootElement.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()));
        }
        finally { Directory.Delete(results, true); }
    }
}
