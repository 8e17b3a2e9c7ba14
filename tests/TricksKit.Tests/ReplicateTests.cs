namespace TricksKit.Tests;

/// <summary><see cref="Arm.Replicated"/>: several runs per seed, reported as their mean, with the pairing kept.</summary>
public class ReplicateTests
{
    private static TrainingHistory History(RunSeed s) => new($"run {s.Seed}", new[] { s.Seed, 2.0 * s.Seed }, new[] { 0.25, 0.25 },
        new[] { new EpochRecord(1, 2, s.Seed, 0.5, s.Init, 0.25) }, 1.5);

    /// <summary>An arm whose metrics are its seeds, recording each seed pair it ran with and each progress report it made.</summary>
    private static Arm Recording(List<RunSeed> ran) => new("a", (s, progress) =>
    {
        ran.Add(s);
        progress?.Report(new TrainingProgress("a", 1, 2, 1, 0, null));
        progress?.Report(new TrainingProgress("a", 2, 2, 1, 0, null));
        return new RunRecord("a", s.Seed, new Dictionary<string, double> { ["data"] = s.Seed, ["init"] = s.Init, ["never"] = double.PositiveInfinity },
            History(s), 2, new Dictionary<string, IReadOnlyList<double>> { ["curve"] = new double[] { s.Seed, 1 } });
    });

    [Fact]
    public void Each_seed_runs_count_independent_draws_replicate_0_its_own_and_reports_their_mean()
    {
        var ran = new List<RunSeed>();
        var reports = new List<TrainingProgress>();
        var record = Arm.Replicated(Recording(ran), 3).Run(new RunSeed(7, 9), new Relay<TrainingProgress>(reports.Add));
        int o = Arm.ReplicateSeedOffset;
        Assert.Equal(new[] { new RunSeed(7, 9), new RunSeed(7 + o, 9 + o), new RunSeed(7 + 2 * o, 9 + 2 * o) }, ran);
        Assert.Equal(("a", 7), (record.Arm, record.Seed));
        Assert.Equal(7.0 + o, record.MetricValues["data"], 9);
        Assert.Equal(9.0 + o, record.MetricValues["init"], 9);
        Assert.Equal(double.PositiveInfinity, record.MetricValues["never"]);
        Assert.Equal(new[] { 7.0 + o, 1 }, record.SeriesValues!["curve"]);
        Assert.Equal(new[] { 7.0 + o, 2 * (7.0 + o) }, record.History!.StepLoss);
        Assert.Equal(new[] { 0.25, 0.25 }, record.History.StepLr);
        Assert.Equal(9.0 + o, record.History.Final.TestLoss, 9);
        Assert.Equal(0.5, record.History.Final.TrainAccuracy, 12);
        Assert.Equal(4.5, record.History.Seconds, 12);
        Assert.Equal(6, record.Seconds, 12);
        // Progress runs once over all replicates' steps, never backwards.
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, reports.Select(p => p.Step));
        Assert.All(reports, p => Assert.Equal(6, p.TotalSteps));
    }

    [Fact]
    public void Replicated_arms_keep_the_pairing_and_the_A_A_twin_moves_only_the_initialisation()
    {
        var plain = new List<RunSeed>();
        var twin = new List<RunSeed>();
        Arm.Replicated(Recording(plain), 2).Run(RunSeed.Of(4), null);
        Arm.NoiseFloor(Arm.Replicated(Recording(twin), 2)).Run(RunSeed.Of(4), null);
        Assert.Equal(plain.Select(s => s.Seed), twin.Select(s => s.Seed));
        Assert.All(plain.Zip(twin), p => Assert.Equal(p.First.Init + Arm.NoiseInitOffset, p.Second.Init));
    }

    [Fact]
    public void A_series_with_no_mean_is_taken_from_replicate_0()
    {
        var curve = new Series("curve", "a curve");
        var record = Arm.Replicated(Recording(new List<RunSeed>()), 2, firstOnly: new[] { curve }).Run(RunSeed.Of(7), null);
        Assert.Equal(new[] { 7.0, 1 }, record.SeriesValues!["curve"]);
        Assert.Equal(7.0 + Arm.ReplicateSeedOffset / 2.0, record.MetricValues["data"], 9);
        Assert.Equal("firstOnly", Assert.Throws<ArgumentException>(() => Arm.Replicated(Recording(new List<RunSeed>()), 2, new Series[] { null! })).ParamName);
    }

    [Fact]
    public void The_results_json_says_how_many_runs_a_replicated_arms_values_are_the_mean_of_and_reads_it_back()
    {
        var dir = Directory.CreateTempSubdirectory("tricks-replicates-").FullName;
        try
        {
            var plain = new Arm("plain", (s, _) => new RunRecord("plain", s.Seed, new Dictionary<string, double> { ["m"] = s.Seed }));
            var replicated = Arm.Replicated(plain, 3) with { Name = "replicated" };
            Assert.Equal((1, 3, 3), (plain.Replicates, replicated.Replicates, Arm.NoiseFloor(replicated).Replicates));
            var result = new RunPlan("replicates", new[] { plain, replicated }, new ExperimentSettings(RunMode.Quick, new[] { 1, 2 })).RunInProcess();
            Assert.Equal((1, 3), (result["plain"].Replicates, result["replicated"].Replicates));
            Assert.Equal(new[] { 1.0 + Arm.ReplicateSeedOffset, 2.0 + Arm.ReplicateSeedOffset }, result["replicated"].Values("m"));
            var path = ResultsJson.Write(result, "replicates", dir);
            var json = File.ReadAllText(path);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "\"replicates\": 3"));   // only the replicated arm says so
            var read = ResultsJson.Read(path);
            Assert.Equal((1, 3), (read["plain"].Replicates, read["replicated"].Replicates));
            Assert.Equal(json, ResultsJson.ToJson(read));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void One_replicate_is_the_arm_itself_and_bad_counts_name_the_parameter()
    {
        var arm = Recording(new List<RunSeed>());
        Assert.Same(arm, Arm.Replicated(arm, 1));
        foreach (var bad in new[] { 0, -1, 101 })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Arm.Replicated(arm, bad));
            Assert.Equal("count", ex.ParamName);
            Assert.Contains("[1, 100]", ex.Message);
        }
        Assert.Throws<ArgumentNullException>(() => Arm.Replicated(null!, 2));
    }

    [Fact]
    public void Replicates_that_disagree_in_shape_fail_naming_the_arm_and_seed_and_a_diverged_one_leaves_no_history()
    {
        var metrics = new Arm("m", (s, _) => new RunRecord("m", s.Seed, s.Seed == 3
            ? new Dictionary<string, double> { ["x"] = 1 } : new Dictionary<string, double> { ["y"] = 1 }));
        Assert.Contains("arm 'm', seed 3", Assert.Throws<InvalidOperationException>(() => Arm.Replicated(metrics, 2).Run(RunSeed.Of(3), null)).Message);
        var series = new Arm("s", (s, _) => new RunRecord("s", s.Seed, new Dictionary<string, double> { ["x"] = 1 },
            SeriesValues: new Dictionary<string, IReadOnlyList<double>> { ["c"] = new double[s.Seed == 3 ? 2 : 3] }));
        Assert.Contains("series 'c'", Assert.Throws<InvalidOperationException>(() => Arm.Replicated(series, 2).Run(RunSeed.Of(3), null)).Message);
        var diverged = new Arm("d", (s, _) => new RunRecord("d", s.Seed, new Dictionary<string, double> { ["x"] = s.Seed }, s.Seed == 3 ? History(s) : null));
        var record = Arm.Replicated(diverged, 2).Run(RunSeed.Of(3), null);
        Assert.Null(record.History);
        Assert.Equal(3 + Arm.ReplicateSeedOffset / 2.0, record.MetricValues["x"], 9);
    }
}
