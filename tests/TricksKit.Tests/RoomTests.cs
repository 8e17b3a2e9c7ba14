namespace TricksKit.Tests;

/// <summary>The three rooms keep to their walls, and the catalog reaches every part of a study.</summary>
public class RoomTests
{
    private static readonly string Root = Tricks.Lab.Repository.FindRoot();

    [Fact]
    public void The_components_have_no_process_argv_shard_repository_or_machine_code()
    {
        var names = typeof(Kit).Assembly.GetTypes().Select(t => t.Name).ToArray();
        foreach (var banned in new[] { "Worker", "Shard", "CommandLine", "Repo", "FreeCores", "Script", "Design", "Experiment" })
            Assert.DoesNotContain(names, n => n.Contains(banned, StringComparison.Ordinal));
        var sources = Directory.GetFiles(Path.Combine(Root, "src", "TricksKit"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            // CpuKernels reads and sets the three variables that libtorch's own libraries read (it pins them); no
            // component reads a setting of this project's from the environment.
            bool kernels = Path.GetFileName(file) == "CpuKernels.cs";
            if (kernels) Assert.False(text.Contains("TRICKS_", StringComparison.Ordinal), "CpuKernels reads a TRICKS_ variable");
            foreach (var banned in new[] { "Process.Start", "ProcessStartInfo", "GetEnvironmentVariable", "GetCommandLineArgs", "Tricks.sln", "/proc/", "CurrentCulture" })
                if (!(kernels && banned == "GetEnvironmentVariable"))
                    Assert.False(text.Contains(banned, StringComparison.Ordinal), $"{Path.GetRelativePath(Root, file)} uses {banned}");
        }
    }

    [Fact]
    public void Every_catalog_entry_reaches_its_design_figures_notebook_twin_and_folder()
    {
        Assert.Equal(11, Catalog.All.Count);
        Assert.Equal(Enumerable.Range(1, 11), Catalog.All.Select(s => s.Number));
        foreach (var study in Catalog.All)
        {
            Assert.Equal(study.Id, study.Design.Trick);
            Assert.Equal(study.Name, study.Design.Name);
            Assert.True(File.Exists(Path.Combine(Root, study.Notebook)), $"{study}: no {study.Notebook}");
            Assert.True(File.Exists(Path.Combine(Root, study.Twin)), $"{study}: no {study.Twin}");
            Assert.All(study.Components, c => Assert.True(File.Exists(Path.Combine(Root, c)), $"{study}: no {c}"));
            var folder = Path.Combine(Root, study.Folder);
            Assert.True(Directory.Exists(folder), $"{study}: no {study.Folder}");
            Assert.Single(Directory.GetFiles(folder, "*Experiment.cs"));
            Assert.Single(Directory.GetFiles(folder, "*Figures.cs"));
            // The notebook's title is the catalog's, and it reaches its study through the catalog, not by a name string.
            var notebook = File.ReadAllText(Path.Combine(Root, study.Notebook));
            Assert.Contains($"# {study.Title}", notebook);
            Assert.Contains($"Catalog.{study.Folder.Split('/')[^2]}.Run(settings, live)", notebook);
            Assert.DoesNotContain($"\\\"{study.Name}\\\"", notebook);
            Assert.Same(study, Catalog.Find(study.Id));
            Assert.Same(study, Catalog.Find(study.Name));
        }
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => Catalog.Find("12-nothing")).ParamName);
    }

    [Fact]
    public void The_results_json_reads_back_to_the_same_file()
    {
        var dir = Directory.CreateTempSubdirectory("tricks-read-").FullName;
        try
        {
            var settings = new ExperimentSettings(RunMode.Quick, new[] { 3, 4 });
            var arms = new[]
            {
                new Arm("a", (s, _) => new RunRecord("a", s.Seed, new Dictionary<string, double> { ["m"] = s.Seed * 0.5, ["never"] = double.PositiveInfinity },
                    SeriesValues: new Dictionary<string, IReadOnlyList<double>> { ["curve"] = new[] { 1.0, 2.0 + s.Seed } })),
                new Arm("b", (s, _) => new RunRecord("b", s.Seed, new Dictionary<string, double> { ["m"] = s.Seed * 0.25, ["never"] = 1 })),
            };
            var result = new RunPlan("read-back", arms, settings).RunInProcess();
            result = result.WithClaims(TestClaims.Above("m is above", "m", 1.1, 1), new Claim("with control", "m",
                new Estimate(2, double.NegativeInfinity, double.PositiveInfinity, 3, "a method") { ValueText = "> 2", HighText = "> 9" }, 1, ">=",
                Verdict.Inconclusive, Verdict.Reproduced, new Control("'b' vs 'a'", new Estimate(double.NaN, 0, 1, 3, "another"), Verdict.NotReproduced),
                "a test", "b") { Paper = "2 or so" });
            var path = ResultsJson.Write(result, "read-back", dir);
            var read = ResultsJson.Read(path);
            Assert.Equal(File.ReadAllText(path), ResultsJson.ToJson(read));
            Assert.Equal(result.Claims, read.Claims);
            Assert.Equal(new[] { 1.0, 5.0 }, read["a"].Runs[0].Values(new Series("curve", "")));
            File.WriteAllText(path, "{ \"trick\": 1 }");
            var e = Assert.Throws<InvalidDataException>(() => ResultsJson.Read(path));
            Assert.Contains(path, e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
