namespace TricksKit.Tests;

/// <summary>The script twins' entry point: arguments, the claims table, the results JSON and the exit code.</summary>
public class StudyScriptTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "tricks-script-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
    }

    private static readonly Metric Score = new("score", "score");

    /// <summary>A design whose trick arm adds <paramref name="gain"/> to the baseline's score; its A/A arm adds a little noise.</summary>
    private static ExperimentDesign Design(double gain)
    {
        Arm Make(string name, double add) => new(name, (s, _) => new RunRecord(name, s.Seed,
            new Dictionary<string, double> { [Score.Key] = s.Seed + add + (s.Init != s.Seed ? 0.01 * (s.Seed % 2 == 0 ? 1 : -1) : 0) }));
        var baseline = Make("base", 0);
        return new ExperimentDesign("fake", "99-fake", _ => new[] { baseline, Arm.NoiseFloor(baseline, "base A/A"), Make("trick", gain) },
            r => new[] { Claim.Paired(r, "trick raises the score", Verdict.Reproduced, new PairedTest(Score, Effect.Gain, 0.5), "trick", "base", "base A/A") });
    }

    [Fact]
    public void A_passing_design_exits_0_and_writes_its_results()
    {
        var output = new StringWriter();
        int code = StudyScript.Main(new[] { "--seeds", "3,4,5", "--results", dir }, Design(gain: 1), output: output);
        Assert.Equal(0, code);
        Assert.Contains("PASS trick raises the score", output.ToString());
        Assert.Contains("control 'base A/A' vs 'base'", output.ToString());
        Assert.Contains("1/1 claims passed", output.ToString());
        Assert.True(File.Exists(Path.Combine(dir, "99-fake.json")));
    }

    [Fact]
    public void Shards_then_merge_give_the_single_run_results_json()
    {
        var single = Path.Combine(dir, "single");
        Assert.Equal(0, StudyScript.Main(new[] { "--seeds", "3,4,5", "--results", single }, Design(gain: 1), output: new StringWriter()));
        var output = new StringWriter();
        Assert.Equal(2, StudyScript.Main(new[] { "--seeds", "3,4,5", "--results", dir, "--merge" }, Design(gain: 1), output: new StringWriter()));   // no shard yet
        Assert.Equal(0, StudyScript.Main(new[] { "--seeds", "3,4,5", "--results", dir, "--shard", "1/2" }, Design(gain: 1), output: output));
        Assert.Contains("shard 1/2", output.ToString());
        var e = Assert.Throws<InvalidOperationException>(() => Shards.Merge(Design(1), new ExperimentSettings(RunMode.Quick, new[] { 3, 4, 5 }), dir));
        Assert.Contains("are in no shard", e.Message);                                                   // shard 2 is missing
        Assert.Equal(0, StudyScript.Main(new[] { "--seeds", "3,4,5", "--results", dir, "--shard", "2/2" }, Design(gain: 1), output: new StringWriter()));
        Assert.Equal(0, StudyScript.Main(new[] { "--seeds", "3,4,5", "--results", dir, "--merge" }, Design(gain: 1), output: output));
        Assert.Equal(File.ReadAllText(Path.Combine(single, "99-fake.json")), File.ReadAllText(Path.Combine(dir, "99-fake.json")));
        Assert.Equal(2, StudyScript.Main(new[] { "--shard", "3/2" }, Design(1), output: new StringWriter()));
        Assert.Equal(2, StudyScript.Main(new[] { "--shard", "1/2", "--merge" }, Design(1), output: new StringWriter()));
    }

    [Fact]
    public void A_failing_claim_exits_1_and_says_so()
    {
        var output = new StringWriter();
        Assert.Equal(1, StudyScript.Main(new[] { "--seeds", "3,4,5", "--results", dir }, Design(gain: 0.1), output: output));
        Assert.Contains("FAIL trick raises the score", output.ToString());
        Assert.Contains("0/1 claims passed", output.ToString());
    }

    [Fact]
    public void Bad_arguments_exit_2_without_running()
    {
        Assert.Equal(2, StudyScript.Main(new[] { "--mode", "fast" }, Design(1), output: new StringWriter()));
        Assert.Equal(2, StudyScript.Main(new[] { "--seeds" }, Design(1), output: new StringWriter()));
        Assert.Equal(2, StudyScript.Main(new[] { "--threads", "0" }, Design(1), output: new StringWriter()));
        Assert.Equal(2, StudyScript.Main(new[] { "--parallel", "0" }, Design(1), output: new StringWriter()));
        Assert.Equal(2, StudyScript.Main(new[] { "--what" }, Design(1), output: new StringWriter()));
        Assert.False(Directory.Exists(dir));
    }

    /// <summary>A study over <see cref="Design"/> whose sweep tries two fake rates (the score is the rate), or none.</summary>
    private static Study FakeStudy(bool sweep)
    {
        var design = Design(1);
        Arm Rate(double lr) => new($"rate {lr}", (s, _) => new RunRecord($"rate {lr}", s.Seed, new Dictionary<string, double> { [Score.Key] = lr + 0.001 * s.Seed }));
        var study = new Study(99, "fake", "Fake", "a paper", new[] { "src/TricksKit/Tricks/Dropout.cs" }, design.Arms, design.Claims, _ => Array.Empty<Plotly.NET.GenericChart>());
        return sweep ? new Study(99, "fake", "Fake", "a paper", new[] { "src/TricksKit/Tricks/Dropout.cs" }, design.Arms, design.Claims, _ => Array.Empty<Plotly.NET.GenericChart>())
        { Sweep = new Sweep(_ => new[] { Rate(0.1), Rate(0.2) }, new[] { Score }, "the rate with the highest score") } : study;
    }

    [Fact]
    public void A_sweep_runs_on_tuning_seeds_prints_each_candidate_and_refuses_the_CI_seeds()
    {
        var output = new StringWriter();
        Assert.Equal(0, StudyScript.Main(new[] { "--sweep", "--seeds", "700,701,702", "--results", dir }, FakeStudy(sweep: true), output));
        var text = output.ToString();
        Assert.Contains("rate 0.1: score 0.801 [", text);
        Assert.Contains("chooses: the rate with the highest score", text);
        Assert.True(File.Exists(Path.Combine(dir, "99-fake-sweep.json")));
        Assert.False(File.Exists(Path.Combine(dir, "99-fake.json")));
        var refused = Path.Combine(dir, "refused");
        var error = Console.Error;
        var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            Assert.Equal(2, StudyScript.Main(new[] { "--sweep", "--seeds", "700,20", "--results", refused }, FakeStudy(sweep: true), new StringWriter()));
            Assert.Equal(2, StudyScript.Main(new[] { "--sweep", "--results", refused }, FakeStudy(sweep: true), new StringWriter()));   // the defaults are the CI seeds
            Assert.Equal(2, StudyScript.Main(new[] { "--sweep", "--seeds", "700", "--results", refused }, FakeStudy(sweep: false), new StringWriter()));
        }
        finally { Console.SetError(error); }
        Assert.Contains("--seeds must be tuning seeds, not the CI seeds", captured.ToString());
        Assert.Contains("chooses nothing by a sweep", captured.ToString());
        Assert.False(File.Exists(Path.Combine(refused, "99-fake-sweep.json")));
    }
}
