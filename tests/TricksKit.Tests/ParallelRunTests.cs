namespace TricksKit.Tests;

/// <summary>A design's runs spread over this process and worker processes give the same results JSON, byte for byte, as one after another.</summary>
public class ParallelRunTests
{
    [Fact]
    public void A_design_run_in_worker_processes_gives_the_same_results_json()
    {
        Kit.Init(1);
        Assert.NotNull(ExperimentWorker.FindWorker());        // built into artifacts/kit/ with the tests: otherwise this would compare two sequential runs
        var settings = new ExperimentSettings(RunMode.Quick, new[] { 3 });
        var sequential = FocalLossExperiment.Design.Run(settings);
        int before = ExperimentWorker.RunsInWorkers;
        var parallel = FocalLossExperiment.Design.Run(settings with { Parallelism = 3 });
        Assert.True(ExperimentWorker.RunsInWorkers > before, "no run came back from a worker: the comparison would be of two in-process runs");
        var dir = Directory.CreateTempSubdirectory("tricks-parallel").FullName;
        try
        {
            var a = File.ReadAllText(ResultsJson.Write(sequential, "sequential", dir));
            var b = File.ReadAllText(ResultsJson.Write(parallel, "parallel", dir));
            Assert.Equal(a, b);
            Assert.Equal(5, parallel.Arms.Count);
            Assert.All(parallel.Arms, arm => Assert.NotNull(arm.Runs[0].History));   // histories and series came back too
            Assert.Equal(sequential.Arms[0].Runs[0].Series!["pr_precision"], parallel.Arms[0].Runs[0].Series!["pr_precision"]);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Parallelism_below_one_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ExperimentSettings(RunMode.Quick, new[] { 0 }) { Parallelism = 0 });
        Assert.Equal("Parallelism", e.ParamName);
        Assert.Equal(3, ExperimentSettings.DefaultParallelism(n => n == "TRICKS_PARALLELISM" ? "3" : null));
        Assert.Equal(Environment.ProcessorCount, ExperimentSettings.DefaultParallelism(_ => null));
        Assert.Throws<ArgumentException>(() => ExperimentSettings.DefaultParallelism(_ => "many"));
    }

    [Fact]
    public void A_worker_given_an_unknown_design_fails_with_its_name()
    {
        var e = Assert.Throws<ArgumentException>(() => ExperimentWorker.Main(new[] { "--design", "no-such", "--mode", "quick", "--seeds", "0", "--threads", "1", "--runs", "0" }, new StringWriter()));
        Assert.Contains("no-such", e.Message);
        Assert.Equal(2, ExperimentWorker.Main(new[] { "--design", "focal-loss" }, new StringWriter()));
    }
}
