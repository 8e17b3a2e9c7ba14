using System.Text.Json;
using TricksKit.Data;

namespace TricksKit.Tests;

public class ExperimentTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "tricks-results-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
    }

    private static Arm FakeArm(string name, double offset) => new(name, (s, progress) =>
        new RunRecord(name, s.Seed, new Dictionary<string, double> { ["score"] = s.Seed + offset, ["nan"] = double.NaN }));

    [Fact]
    public void Arms_run_for_every_seed_baseline_first_and_the_summary_has_mean_std_and_seeds()
    {
        var settings = new ExperimentSettings(RunMode.Quick, new[] { 0, 1, 2 });
        var r = new RunPlan("demo", new[] { FakeArm("base", 0), FakeArm("trick", 10) }, settings).RunInProcess();
        Assert.True(r.Baseline.Baseline);
        Assert.Equal("base", r.Baseline.Name);
        Assert.Equal(new[] { 10.0, 11, 12 }, r["trick"].Values("score"));
        Assert.Equal(1.0, r["trick"].Std("score"), 12);
        var df = r.Summary();
        Assert.Equal(4, df.Rows.Count);
        Assert.Equal(new[] { "arm", "metric", "mean", "std", "seed 0", "seed 1", "seed 2" }, df.Columns.Select(c => c.Name));
        Assert.Equal(11.0, (double)df["mean"][2]!, 12);
    }

    [Fact]
    public void Claims_hold_or_fail_and_Assert_throws_naming_the_failed_one()
    {
        var r = new RunPlan("demo", new[] { FakeArm("base", 0) }, new ExperimentSettings(RunMode.Quick, new[] { 0 })).RunInProcess()
            .WithClaims(TestClaims.Above("up", "score", 1, 0.5), TestClaims.Below("down", "score", 1, 0.5));
        Assert.True(r.Claims[0].Passed);
        Assert.False(r.Claims[1].Passed);
        var ex = Assert.Throws<ClaimFailedException>(() => r.Assert());
        Assert.Contains("down", ex.Message);
        Assert.DoesNotContain("up (", ex.Message);
    }

    [Fact]
    public void Results_json_follows_the_design_schema_and_writes_NaN_as_null()
    {
        var r = new RunPlan("demo", new[] { FakeArm("base", 0), FakeArm("trick", 1) }, new ExperimentSettings(RunMode.Quick, new[] { 4, 5 })).RunInProcess()
            .WithClaims(TestClaims.Above("trick wins", "score", 1, 0.5));
        var path = ResultsJson.Write(r, "01-demo", dir);
        Assert.Equal(Path.Combine(dir, "01-demo.json"), path);
        // The results JSON and the machine it ran on beside it (KernelsJson), nothing else: no temporary file left.
        Assert.Equal(new[] { path, KernelsJson.PathOf(path) }.Order(StringComparer.Ordinal), Directory.GetFiles(dir).Order(StringComparer.Ordinal));
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        Assert.Equal("demo", root.GetProperty("trick").GetString());
        Assert.Equal("quick", root.GetProperty("mode").GetString());
        Assert.Equal(new[] { 4, 5 }, root.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()));
        var arm = root.GetProperty("arms")[1];
        Assert.Equal("trick", arm.GetProperty("name").GetString());
        Assert.False(arm.GetProperty("baseline").GetBoolean());
        Assert.Equal(new[] { 5.0, 6 }, arm.GetProperty("metrics").GetProperty("score").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(JsonValueKind.Null, arm.GetProperty("metrics").GetProperty("nan")[0].ValueKind);
        var claim = root.GetProperty("claims")[0];
        Assert.Equal("reproduced", claim.GetProperty("verdict").GetString());
        Assert.Equal("reproduced", claim.GetProperty("expected").GetString());
        Assert.Equal(0.5, claim.GetProperty("threshold").GetDouble());
        Assert.Equal(1.0, claim.GetProperty("estimate").GetDouble());
        foreach (var field in new[] { "low", "high", "method", "n", "passed" }) Assert.True(claim.TryGetProperty(field, out _), field);
        Assert.True(root.GetProperty("environment").TryGetProperty("torchsharp", out _));
        Assert.True(root.GetProperty("environment").GetProperty("threads").GetInt32() >= 1);
        Assert.False(root.GetProperty("environment").TryGetProperty("machine", out _));   // in the .cpu.json: the results are the same bytes on every machine
    }

    [Fact]
    public void A_failed_write_leaves_no_half_written_file()
    {
        var r = new RunPlan("demo", new[] { FakeArm("base", 0) }, new ExperimentSettings(RunMode.Quick, new[] { 0 })).RunInProcess();
        Assert.Throws<ArgumentException>(() => ResultsJson.Write(r, "../escape", dir));
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Path.Combine(dir, "taken.json")); // a folder where the file should go: the move fails
        Assert.ThrowsAny<IOException>(() => ResultsJson.Write(r, "taken", dir));
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void Histories_go_into_the_results_json()
    {
        Kit.Init(1);
        using var digits = CsvData.Digits(Path.Combine(Tricks.Lab.Repository.TryFindRoot()!, "datasets", "digits.csv.gz"));
        using var train = digits.Take(300);
        var arm = ClassifierArm.Create("mlp", () => Models.Mlp(new[] { 64, 16, 10 }), train, train, new TrainingOptions { Epochs = 2, BatchSize = 100 });
        var r = new RunPlan("hist", new[] { arm }, new ExperimentSettings(RunMode.Quick, new[] { 0, 1 })).RunInProcess();
        using var doc = JsonDocument.Parse(ResultsJson.ToJson(r));
        var history = doc.RootElement.GetProperty("arms")[0].GetProperty("history");
        Assert.Equal(6, history.GetProperty("step").GetArrayLength());
        Assert.Equal(2, history.GetProperty("train_loss").GetArrayLength());
        Assert.Equal(6, history.GetProperty("lr")[1].GetArrayLength());
    }

    [Fact]
    public void Settings_come_from_code_and_the_environment_overrides_them_only_at_the_edge()
    {
        var none = ExperimentSettings.FromEnvironment("full", new[] { 7, 8 }, _ => null);
        Assert.Equal(RunMode.Full, none.Mode);
        Assert.Equal(new[] { 7, 8 }, none.Seeds);
        var env = new Dictionary<string, string?> { ["TRICKS_MODE"] = "quick", ["TRICKS_SEEDS"] = "3,4,5" };
        env["TRICKS_DATA"] = "/data/here";
        env["TRICKS_RESULTS_DIR"] = "/tmp/out-here";
        var overridden = ExperimentSettings.FromEnvironment("full", new[] { 7, 8 }, k => env.GetValueOrDefault(k));
        Assert.Equal(RunMode.Quick, overridden.Mode);
        Assert.Equal(new[] { 3, 4, 5 }, overridden.Seeds);
        Assert.Equal(new[] { "/data/here/fashion-mnist", "/data/here" }, overridden.DataPath.Take(2));
        Assert.Equal("/tmp/out-here", overridden.ResultsDirectory);
        // The engine looks for no repository: its default is under the working directory, or under the root it is given;
        // the lab's settings give it this repository's root and the worker program.
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "results"), none.ResultsDirectory);
        Assert.Null(none.Workers);
        var lab = LabSettings.FromEnvironment("full", new[] { 7, 8 }, _ => null);
        Assert.Equal(Path.Combine(Tricks.Lab.Repository.TryFindRoot()!, "artifacts", "results"), lab.ResultsDirectory);
        Assert.NotNull(lab.Workers);
        Assert.True(lab.Workers!.CanRun(Catalog.Relu.Design));
        // Settings made in code read nothing from the environment, whatever it holds.
        var code = new ExperimentSettings(RunMode.Full, new[] { 7 });
        Assert.Equal(FashionMnist.DefaultSearchPath, code.DataPath);
        Assert.Equal("results", code.ResultsDirectory);
        Assert.Equal(1, code.Parallelism);
        env["TRICKS_SEEDS"] = "3,x";
        Assert.Equal("TRICKS_SEEDS", Assert.ThrowsAny<ArgumentException>(() => ExperimentSettings.FromEnvironment(environment: k => env.GetValueOrDefault(k))).ParamName);
        Assert.Equal(new[] { 3, 4, 5 }, ExperimentSettings.ParseSeeds(" 3, 4,5 "));
        Assert.Equal(RunMode.Quick, ExperimentSettings.ParseMode("QUICK"));
    }

    [Fact]
    public void Bad_experiment_input_names_the_parameter()
    {
        var settings = new ExperimentSettings(RunMode.Quick, new[] { 0 });
        Assert.Equal("mode", Assert.ThrowsAny<ArgumentException>(() => ExperimentSettings.ParseMode("fast")).ParamName);
        Assert.Equal("seeds", Assert.ThrowsAny<ArgumentException>(() => ExperimentSettings.ParseSeeds("")).ParamName);
        Assert.Equal("seeds", Assert.ThrowsAny<ArgumentException>(() => ExperimentSettings.ParseSeeds("1,-2")).ParamName);
        Assert.Equal("defaultSeeds", Assert.ThrowsAny<ArgumentException>(() => ExperimentSettings.FromEnvironment(defaultSeeds: Array.Empty<int>(), environment: _ => null)).ParamName);
        Assert.Equal("defaultSeeds", Assert.ThrowsAny<ArgumentException>(() => ExperimentSettings.FromEnvironment(defaultSeeds: new[] { 1, 1 }, environment: _ => null)).ParamName);
        Assert.Equal("arms", Assert.ThrowsAny<ArgumentException>(() => new RunPlan("x", Array.Empty<Arm>(), settings).RunInProcess()).ParamName);
        Assert.Equal("arms", Assert.ThrowsAny<ArgumentException>(() => new RunPlan("x", new[] { FakeArm("a", 0), FakeArm("a", 1) }, settings).RunInProcess()).ParamName);
        Assert.Equal("trick", Assert.ThrowsAny<ArgumentException>(() => new RunPlan(" ", new[] { FakeArm("a", 0) }, settings).RunInProcess()).ParamName);
        Assert.Equal("settings", Assert.ThrowsAny<ArgumentException>(() => new RunPlan("x", new[] { FakeArm("a", 0) }, new ExperimentSettings(RunMode.Quick, Array.Empty<int>())).RunInProcess()).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => ClassifierArm.Create("", () => Models.Mlp(new[] { 2, 2 }), (LabeledData)null!, null!)).ParamName);
    }
}
