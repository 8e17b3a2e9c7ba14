namespace TricksKit.Tests;

/// <summary>A design's runs spread over this process and worker processes give the same results JSON, byte for byte, as one after another.</summary>
public class ParallelRunTests
{
    [Fact]
    public void A_design_run_in_worker_processes_gives_the_same_results_json()
    {
        Kit.Init(1);
        Assert.NotNull(Catalog.Worker());        // built into artifacts/kit/ with the tests: otherwise this would compare two sequential runs
        var settings = new ExperimentSettings(RunMode.Quick, new[] { 3 });
        var sequential = Catalog.FocalLoss.Design.Run(settings);
        int before = Workers.RunsInWorkers;
        var parallel = Catalog.FocalLoss.Design.Run(settings with { Parallelism = 3, Workers = Catalog.Worker() });
        Assert.True(Workers.RunsInWorkers > before, "no run came back from a worker: the comparison would be of two in-process runs");
        var dir = Directory.CreateTempSubdirectory("tricks-parallel").FullName;
        try
        {
            var a = File.ReadAllText(ResultsJson.Write(sequential, "sequential", dir));
            var b = File.ReadAllText(ResultsJson.Write(parallel, "parallel", dir));
            Assert.Equal(a, b);
            Assert.Equal(5, parallel.Arms.Count);
            Assert.All(parallel.Arms, arm => Assert.NotNull(arm.Runs[0].History));   // histories and series came back too
            Assert.Equal(sequential.Arms[0].Runs[0].Values(FocalLossExperiment.PrPrecision), parallel.Arms[0].Runs[0].Values(FocalLossExperiment.PrPrecision));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Parallelism_below_one_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ExperimentSettings(RunMode.Quick, new[] { 0 }) { Parallelism = 0 });
        Assert.Equal("Parallelism", e.ParamName);
        Assert.Equal(3, ExperimentSettings.DefaultParallelism(n => n == "TRICKS_PARALLELISM" ? "3" : null));
        Assert.Equal(2, ExperimentSettings.DefaultParallelism(_ => null, () => 2));
        Assert.Equal(3, ExperimentSettings.DefaultParallelism(n => n == "TRICKS_PARALLELISM" ? "3" : null, () => 1));   // told beats measured
        Assert.InRange(ExperimentSettings.DefaultParallelism(_ => null), 1, Environment.ProcessorCount);
        Assert.Throws<ArgumentException>(() => ExperimentSettings.DefaultParallelism(_ => "many"));
    }

    [Fact]
    public void A_worker_given_an_unknown_design_fails_with_its_name()
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        int code;
        try { code = Workers.Main(new[] { "--design", "no-such", "--mode", "quick", "--seeds", "0", "--threads", "1", "--runs", "0" }, id => Catalog.Find(id).Design, new StringWriter()); }
        finally { Console.SetError(saved); }
        Assert.Equal(2, code);                                       // one line naming it, no stack trace
        Assert.Contains("no-such", error.ToString());
        Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.Equal(2, Workers.Main(new[] { "--design", "focal-loss" }, id => Catalog.Find(id).Design, new StringWriter()));
    }

    // Two readings of /proc/stat one second apart on a 4-CPU machine: 400 ticks counted in all.
    private const string Before = "cpu  1000 0 500 8000 100 0 0 0 0 0\ncpu0 1 0 0 0 0 0 0 0 0 0\ncpu1 1 0 0 0 0 0 0 0 0 0\ncpu2 1 0 0 0 0 0 0 0 0 0\ncpu3 1 0 0 0 0 0 0 0 0 0\nintr 1\n";

    private static string After(long user, long idle) =>
        Before.Replace("cpu  1000 0 500 8000 100", $"cpu  {1000 + user} 0 500 {8000 + idle} 100");

    [Fact]
    public void Free_cores_are_the_idle_share_of_the_machine_s_cpus()
    {
        Assert.Equal(4, FreeCores.FromCounters(Before, After(user: 0, idle: 400), cores: 4));      // all idle
        Assert.Equal(3, FreeCores.FromCounters(Before, After(user: 100, idle: 300), cores: 4));    // one CPU busy
        Assert.Equal(1, FreeCores.FromCounters(Before, After(user: 400, idle: 0), cores: 4));      // all busy: still one lane
        Assert.Equal(2, FreeCores.FromCounters(Before, After(user: 0, idle: 400), cores: 2));      // this process may use only 2
        Assert.Equal(2, FreeCores.FromCounters(Before, Before, cores: 2));                         // no time passed: all cores
        Assert.Equal("cores", Assert.Throws<ArgumentOutOfRangeException>(() => FreeCores.FromCounters(Before, Before, 0)).ParamName);
        Assert.Throws<FormatException>(() => FreeCores.FromCounters("intr 1", Before, 2));
        Assert.InRange(FreeCores.Measure(TimeSpan.FromMilliseconds(50)), 1, Environment.ProcessorCount);
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => FreeCores.Measure(TimeSpan.Zero)).ParamName);
    }
}
