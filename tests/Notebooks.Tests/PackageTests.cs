using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using Tricks.NotebookRunner;
using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>
/// The kit as packages: <c>dotnet pack</c> of TricksKit and TricksKit.Formatters into a local folder feed (a version of
/// its own per test run, so no cached copy can stand in), then a console app restored from that feed alone plus
/// nuget.org (samples/console, copied outside the repository) and a notebook that loads them with <c>#r "nuget: ..."</c>.
/// </summary>
public sealed class PackageTests : IClassFixture<PackageTests.LocalFeed>
{
    private static readonly string Root = Tricks.Lab.Repository.FindRoot();
    private readonly LocalFeed feed;

    public PackageTests(LocalFeed feed) => this.feed = feed;

    /// <summary>The three packages, packed once for the class into a temporary folder feed.</summary>
    public sealed class LocalFeed : IDisposable
    {
        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("tricks-feed-").FullName;
        public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

        public LocalFeed()
        {
#if DEBUG
            const string config = "Debug";
#else
            const string config = "Release";
#endif
            foreach (var project in new[] { "src/TricksKit", "src/TricksKit.Experiments", "src/Formatters" })
                DotnetCli.Run(Root, TimeSpan.FromMinutes(5), "pack", project, "-c", config, "--no-build", "-nologo", $"-p:Version={Version}", "-o", Directory);
        }

        public void Dispose()
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            // The restores cached this test-only version: remove it (the real 0.1.0, if any, stays).
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in new[] { "trickskit", "trickskit.formatters" })
            {
                var dir = Path.Combine(cache, id, Version.ToLowerInvariant());
                if (System.IO.Directory.Exists(dir)) System.IO.Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static XElement Nuspec(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        using var s = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XElement.Load(s);
    }

    private static IReadOnlyList<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    [Theory]
    [InlineData("TricksKit", "lib/net10.0/TricksKit.dll", "TricksKit.pdb")]
    [InlineData("TricksKit.Experiments", "lib/net10.0/TricksKit.Experiments.dll", "TricksKit.Experiments.pdb")]
    [InlineData("TricksKit.Formatters", "interactive-extensions/dotnet/Tricks.Formatters.dll", "Tricks.Formatters.pdb")]
    public void Each_package_has_version_description_license_readme_symbols_and_its_assembly(string id, string assembly, string pdb)
    {
        var nupkg = Path.Combine(feed.Directory, $"{id}.{feed.Version}.nupkg");
        var spec = Nuspec(nupkg);
        string Field(string name) => spec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
        Assert.Equal(id, Field("id"));
        Assert.Equal(feed.Version, Field("version"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.True(Field("description").Length > 80, "description too short");
        Assert.Contains("README.md", Entries(nupkg));
        Assert.Contains(assembly, Entries(nupkg));
        Assert.Contains(Entries(Path.ChangeExtension(nupkg, ".snupkg")), e => e.EndsWith(pdb, StringComparison.Ordinal));
        var dependencies = spec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToArray();
        // The components on TorchSharp alone; the engine on the components; the formatters on the engine (so on both).
        if (id == "TricksKit") Assert.Contains("TorchSharp-cpu", dependencies);
        else Assert.Contains(id == "TricksKit.Experiments" ? "TricksKit" : "TricksKit.Experiments", dependencies);
        Assert.DoesNotContain("Microsoft.DotNet.Interactive", dependencies);       // the notebook host brings its own
        Assert.DoesNotContain("Plotly.NET", id == "TricksKit.Formatters" ? Array.Empty<string>() : dependencies);
    }

    [Fact]
    public void A_console_app_restored_from_the_feed_trains_float64_checkpoints_resumes_identically_and_runs_an_experiment()
    {
        var app = Directory.CreateTempSubdirectory("tricks-console-").FullName;
        try
        {
            foreach (var file in new[] { "Program.cs", "TricksConsole.csproj" })
                File.Copy(Path.Combine(Root, "samples", "console", file), Path.Combine(app, file));
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed.Directory}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);
            var output = DotnetCli.Run(app, TimeSpan.FromMinutes(10), "run", $"-p:TricksKitVersion={feed.Version}");
            var assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
            Assert.Contains($"TricksKit/{feed.Version}", assets);                 // the package, not a project reference
            Assert.DoesNotContain(Root, assets);
            Assert.Contains("parameters Float64", output);
            Assert.Contains("identical to the uninterrupted run: True", output);
            Assert.Equal(2, output.Split('\n').Count(l => l.StartsWith("claim: ", StringComparison.Ordinal)));
        }
        finally { Directory.Delete(app, recursive: true); }
    }

    private static Dictionary<string, object> Cell(string kernel, string source) => new()
    {
        ["cell_type"] = "code", ["execution_count"] = null!, ["outputs"] = Array.Empty<object>(),
        ["metadata"] = new Dictionary<string, object> { ["polyglot_notebook"] = new Dictionary<string, string> { ["kernelName"] = kernel } },
        ["source"] = source,
    };

    [Fact]
    public void A_notebook_loads_the_packages_from_the_feed_with_r_nuget_and_the_formatters_register_on_load()
    {
        // In artifacts/ only so that dotnet-repl finds the repository's pinned tool; the notebook names no repository path.
        var dir = Path.Combine(Root, "artifacts", "package-test", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var notebook = Path.Combine(dir, "from-packages.ipynb");
            var cells = new[]
            {
                Cell("csharp", $"#i \"nuget: {feed.Directory}\"\n#r \"nuget: TricksKit.Formatters, {feed.Version}\""),
                Cell("csharp", """
                    using TricksKit; using TricksKit.Data; using TricksKit.Training; using TorchSharp; using static TorchSharp.torch;
                    var data = Synthetic.DenseDetection(600, seed: 1, positiveShare: 0.2);
                    torch.manual_seed(0);
                    var model = Models.Mlp(new[] { 2, 16, 2 }, norm: Norm.GroupNorm, groups: 4);
                    model.to(ScalarType.Float64);
                    Trainer.Fit(model, data, data, new TrainingOptions { Epochs = 2, Name = "from the package" })
                    """),
                Cell("fsharp", $"#!fsharp\n#i \"nuget: {feed.Directory}\"\n#r \"nuget: TricksKit, {feed.Version}\"\n" +
                    "open TricksKit\nprintfn \"fsharp rates %s\" (TricksKit.Schedules.Constant(0.25).Take(2) |> Seq.map string |> String.concat \",\")"),
            };
            var doc = new Dictionary<string, object>
            {
                ["cells"] = cells, ["nbformat"] = 4, ["nbformat_minor"] = 5,
                ["metadata"] = new Dictionary<string, object>
                {
                    ["kernelspec"] = new Dictionary<string, string> { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" },
                    ["polyglot_notebook"] = new Dictionary<string, object> { ["kernelInfo"] = new Dictionary<string, object> { ["defaultKernelName"] = "csharp" } },
                },
            };
            File.WriteAllText(notebook, JsonSerializer.Serialize(doc));
            Assert.DoesNotContain(Root, File.ReadAllText(notebook));
            var result = NotebookExecutor.Run(notebook, Path.Combine(dir, "out"), TimeSpan.FromMinutes(10), resultsDir: Path.Combine(dir, "results"));
            Assert.True(result.Succeeded, result.Describe());
            var executed = File.ReadAllText(result.ExecutedPath!);
            Assert.Contains("tricks-history", executed);              // the kit's formatter drew the history: registered on load
            Assert.Contains("from the package: ", executed);
            Assert.Contains("fsharp rates 0.25,0.25", executed);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
