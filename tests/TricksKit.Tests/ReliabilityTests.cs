using TricksKit.Data;
using System.IO.Compression;

namespace TricksKit.Tests;

/// <summary>Bad input and faults that used to lose work or give a wrong answer (the reliability issue), each now a clear error or the right result.</summary>
public class ReliabilityTests
{
    private static readonly string[] FashionFiles = { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" };

    [Fact]
    public void An_explicit_data_folder_is_honoured_never_mixed_nor_passed_over()
    {
        var env = new Dictionary<string, string?> { ["TRICKS_DATA"] = "/nonexistent" };
        var settings = ExperimentSettings.FromEnvironment(environment: k => env.GetValueOrDefault(k), repositoryRoot: Tricks.Lab.Repository.FindRoot());
        Assert.Equal(new[] { "/nonexistent/fashion-mnist", "/nonexistent" }, settings.DataPath);   // no fallback to another copy
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(train: false, limit: 5, searchPath: settings.DataPath));
        Assert.Contains("/nonexistent", e.Message);
        var dir = Directory.CreateTempSubdirectory("tricks-partial-").FullName;
        try
        {
            // Three of the four files: an error listing the missing one, not a set mixed with the system's copy.
            foreach (var f in FashionFiles.Take(3)) File.Copy(Path.Combine(FashionMnist.DefaultSearchPath[0], f + ".gz"), Path.Combine(dir, f + ".gz"));
            var partial = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(train: false, limit: 5, searchPath: new[] { dir, FashionMnist.DefaultSearchPath[0] }));
            Assert.Contains("t10k-labels-idx1-ubyte", partial.Message);
            Assert.Contains(dir, partial.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_damaged_gzip_names_its_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tricks-{Guid.NewGuid():N}.gz");
        File.WriteAllBytes(path, Enumerable.Range(0, 512).Select(i => (byte)(i * 37 + 11)).ToArray());
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
            Assert.Contains(path, e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Seeds_are_distinct_everywhere_and_the_message_names_the_option()
    {
        Assert.Equal("--seeds", Assert.Throws<ArgumentException>(() => ExperimentSettings.ParseSeeds("1,1", "--seeds")).ParamName);
        var env = new Dictionary<string, string?> { ["TRICKS_SEEDS"] = "1,1" };
        Assert.Equal("TRICKS_SEEDS", Assert.Throws<ArgumentException>(() => ExperimentSettings.FromEnvironment(environment: k => env.GetValueOrDefault(k))).ParamName);
        Assert.Equal("defaultSeeds", Assert.Throws<ArgumentException>(() => ExperimentSettings.FromEnvironment(defaultSeeds: new[] { 2, 2 }, environment: _ => null)).ParamName);
        Assert.Equal("Seeds", Assert.Throws<ArgumentException>(() => new ExperimentSettings(RunMode.Quick, new[] { 3, 3 })).ParamName);
        var ok = new ExperimentSettings(RunMode.Quick, new[] { 3 });
        Assert.Equal("Seeds", Assert.Throws<ArgumentException>(() => ok with { Seeds = new[] { 4, 5, 4 } }).ParamName);
        Assert.Equal(2, StudyScript.Main(new[] { "--seeds", "1,1" }, Catalog.Relu, new StringWriter()));
    }

    [Fact]
    public void Average_precision_rejects_nan_scores()
    {
        Kit.Init(1);
        using var scores = TorchSharp.torch.tensor(new[] { 0.9, double.NaN, 0.1 });
        using var targets = TorchSharp.torch.tensor(new[] { 1.0, 0.0, 0.0 });
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => Metrics.AveragePrecision(scores, targets)).ParamName);
    }

    [Fact]
    public void The_warm_restart_rate_takes_constant_time_per_step_with_the_same_values()
    {
        var schedule = Schedules.CosineWarmRestarts(0.1, 0.0, period: 1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0.1, schedule.At(int.MaxValue), 12);                 // every step starts a cycle of one step
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(50), $"At(int.MaxValue) took {clock.Elapsed.TotalMilliseconds:F0} ms");
        var three = Schedules.CosineWarmRestarts(1.0, 0.0, period: 3);
        Assert.Equal(three.At(1), three.At(3_000_001), 12);                // 3,000,001 = 1 mod 3
        Assert.Equal(0.75, three.At(1), 12);                               // (1 + cos(pi/3)) / 2
    }

    [Fact]
    public void A_results_folder_that_cannot_be_written_stops_the_twin_before_training()
    {
        var file = Path.GetTempFileName();
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var error = new StringWriter();
            var saved = Console.Error;
            Console.SetError(error);
            int code;
            try { code = StudyScript.Main(new[] { "--results", Path.Combine(file, "sub") }, Catalog.Relu, new StringWriter()); }
            finally { Console.SetError(saved); }
            Assert.Equal(2, code);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}: it trained first");
            Assert.Contains(file, error.ToString());
            Assert.Single(error.ToString().Trim().Split('\n'));            // one line, no stack trace
            Assert.Throws<IOException>(() => AtomicFile.CheckWritable("/proc/tricks-nowhere"));
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void A_merge_checks_every_shard_against_its_settings_and_names_the_file_and_line()
    {
        Kit.Init(1);
        var dir = Directory.CreateTempSubdirectory("tricks-merge-").FullName;
        try
        {
            var design = new ExperimentDesign("tiny", "00-tiny", s => new[]
            {
                new Arm("a", (r, _) => new RunRecord("a", r.Seed, new Dictionary<string, double> { ["m"] = r.Seed })),
                new Arm("b", (r, _) => new RunRecord("b", r.Seed, new Dictionary<string, double> { ["m"] = r.Seed + 1 })),
            }, r => Array.Empty<Claim>());
            var ran = new ExperimentSettings(RunMode.Quick, new[] { 3, 4, 5 });
            var first = Shards.Run(design, ran, 1, 2, dir);
            Shards.Run(design, ran, 2, 2, dir);
            Assert.Equal(design.Plan(ran).RunInProcess().Arms[1].Values("m"), Shards.Merge(design, ran, dir).Arms[1].Values("m"));
            // Other seeds, another mode: the merge refuses, naming the file and its header line.
            var seeds = Assert.Throws<InvalidDataException>(() => Shards.Merge(design, new ExperimentSettings(RunMode.Quick, new[] { 0, 1, 2 }), dir));
            Assert.Contains(Path.GetFileName(first) + ":1", seeds.Message);
            Assert.Throws<InvalidDataException>(() => Shards.Merge(design, ran with { Mode = RunMode.Full }, dir));
            // A truncated line: the file and line are named.
            var lines = File.ReadAllLines(first);
            File.WriteAllLines(first, lines.Take(lines.Length - 1).Append(lines[^1][..(lines[^1].Length / 2)]));
            var damaged = Assert.Throws<InvalidDataException>(() => Shards.Merge(design, ran, dir));
            Assert.Contains($"{Path.GetFileName(first)}:{lines.Length}", damaged.Message);
            // A record of another arm in a run's place.
            File.WriteAllLines(first, lines.Select((l, i) => i == 1 ? l.Replace("\"Arm\":\"a\"", "\"Arm\":\"b\"") : l));
            Assert.Contains("arm 'b'", Assert.Throws<InvalidDataException>(() => Shards.Merge(design, ran, dir)).Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
