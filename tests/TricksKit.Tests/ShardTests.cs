namespace TricksKit.Tests;

/// <summary>A design's runs split into shards (on other machines) and merged give the single run's results JSON.</summary>
public class ShardTests
{
    [Fact]
    public void Two_shards_and_a_merge_give_the_same_results_json_as_one_run()
    {
        Kit.Init(1);
        var settings = new ExperimentSettings(RunMode.Quick, new[] { 3 });
        var dir = Directory.CreateTempSubdirectory("tricks-shards").FullName;
        try
        {
            var single = File.ReadAllText(ResultsJson.Write(Catalog.FocalLoss.Design.Run(settings), "single", dir));
            var first = Shards.Run(Catalog.FocalLoss.Design, settings, 1, 2, Path.Combine(dir, "shards"));
            var second = Shards.Run(Catalog.FocalLoss.Design, settings, 2, 2, Path.Combine(dir, "shards"));
            Assert.Equal(new[] { "01-focal-loss.shard-1-of-2.jsonl", "01-focal-loss.shard-2-of-2.jsonl" }, new[] { first, second }.Select(Path.GetFileName));
            Assert.Equal(4, File.ReadAllLines(first).Length);                 // the header, then runs 0, 2, 4 of the 5
            var merged = Shards.Merge(Catalog.FocalLoss.Design, settings, Path.Combine(dir, "shards"));
            Assert.Equal(single, File.ReadAllText(ResultsJson.Write(merged, "merged", dir)));
            // One seed: every interval is unbounded, so the verdicts are inconclusive; what this test checks is the bytes.
            Assert.Equal(2, merged.Claims.Count);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Shard_arguments_and_incomplete_merges_are_refused()
    {
        Assert.Equal((2, 3), Shards.Parse("2/3"));
        Assert.Equal("shard", Assert.Throws<ArgumentException>(() => Shards.Parse("0/3")).ParamName);
        Assert.Throws<ArgumentException>(() => Shards.Parse("4/3"));
        Assert.Throws<ArgumentException>(() => Shards.Parse("x"));
        Assert.Throws<FileNotFoundException>(() => Shards.Merge(Catalog.FocalLoss.Design, new ExperimentSettings(RunMode.Quick, new[] { 3 }), Path.GetTempPath()));
    }
}
