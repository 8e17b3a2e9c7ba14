using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Tests;

/// <summary>
/// The ablation API (He et al. 2019's cumulative table, with leave-one-out): stages built from named tricks on a
/// recipe, bad settings refused by name, the table's paired gains and verdicts, and a real run on the shipped
/// breast-cancer CSV with the tabular net.
/// </summary>
public class AblationTests
{
    private static Recipe Tabular(int trainCount = 40) =>
        new(n => Models.ResidualMlp(20, 3, width: 16, depth: 1, activation: n.Activation, init: n.Init, norm: n.Norm, skip: n.Skip, dropout: n.Dropout),
            seed => TestData.Separable(trainCount, seed), seed => TestData.Separable(60, 1000 + seed), trainCount, flatten: true);

    [Fact]
    public void Cumulative_stages_stack_the_tricks_in_order_each_at_its_rate()
    {
        var tricks = ClassifierTricks.Standard;
        var rates = Enumerable.Range(1, tricks.Count + 1).Select(i => 0.01 * i).ToArray();
        var stages = Ablation.Cumulative(Tabular(), tricks, rates);
        Assert.Equal(tricks.Count + 1, stages.Count);
        Assert.Equal(Ablation.BaselineName, stages[0].Name);
        Assert.Equal(new Network(), stages[0].Recipe.Network);
        Assert.Equal("+ batch norm", stages[2].Name);
        Assert.Equal(new Network(Activation.ReLU, Init.He, Norm.BatchNorm), stages[2].Recipe.Network);
        Assert.Equal(stages[1].Name, stages[2].Reference);
        var full = stages[^1].Recipe;
        Assert.Equal(new Network(Activation.ReLU, Init.He, Norm.BatchNorm, Skip: true, Dropout: 0.2), full.Network);
        Assert.Equal(0.1, full.LabelSmoothing);
        Assert.Equal(rates, stages.Select(s => s.Recipe.Rate));
        // The cosine stage's schedule anneals to 0 over the run; the ones before it are constant.
        Assert.Equal(stages[4].Recipe.Rate, stages[4].Recipe.Schedule(stages[4].Recipe.Rate, 100).At(99), 12);
        Assert.True(stages[5].Recipe.Schedule(1, 100).At(99) < 0.01);
    }

    [Fact]
    public void Leave_one_out_removes_exactly_one_trick_from_the_full_stack_at_its_rate()
    {
        var tricks = ClassifierTricks.Standard;
        var ablation = new Ablation(Tabular(), tricks, Enumerable.Repeat(0.05, tricks.Count).Append(0.2).ToArray());
        var loo = ablation.Stages.Where(s => s.Kind == StageKind.LeaveOneOut).ToArray();
        Assert.Equal(tricks.Count, loo.Length);
        Assert.All(loo, s => Assert.Equal(0.2, s.Recipe.Rate));
        Assert.All(loo, s => Assert.Equal(ablation.FullStackName, s.Reference));
        var noBn = loo.Single(s => s.Trick == ClassifierTricks.BatchNorm).Recipe;
        Assert.Equal(new Network(Activation.ReLU, Init.He, Norm.None, Skip: true, Dropout: 0.2), noBn.Network);
        Assert.Equal(0.1, noBn.LabelSmoothing);
        Assert.Equal(0, loo.Single(s => s.Name.EndsWith("label smoothing 0.1", StringComparison.Ordinal)).Recipe.LabelSmoothing);
        Assert.Equal(ablation.Stages.Count + 1, ablation.Arms().Count);   // the A/A twin of the baseline
        Assert.Equal(Ablation.NoiseName, ablation.Arms()[^1].Name);
        Assert.All(ablation.Stages, s => Assert.Null(s.SameAs));           // the full stack's rate differs from the stage before it
        // At one rate, the full stack without its last trick is the cumulative stage before the full stack: trained once.
        var oneRate = new Ablation(Tabular(), tricks, Enumerable.Repeat(0.05, tricks.Count + 1).ToArray());
        var withoutLast = oneRate.Stages.Single(s => s.Kind == StageKind.LeaveOneOut && s.Trick == tricks[^1]);
        Assert.Equal(Ablation.AddedName(tricks[^2]), withoutLast.SameAs);
        Assert.Equal(withoutLast.SameAs, withoutLast.Arm);
        Assert.Equal(oneRate.Stages.Count, oneRate.Arms().Count);            // one arm fewer, plus the A/A twin
        Assert.DoesNotContain(oneRate.Arms(), a => a.Name == withoutLast.Name);
    }

    [Fact]
    public void Bad_ablations_are_refused_naming_the_parameter()
    {
        var tricks = ClassifierTricks.Standard;
        Assert.Equal("rates", Assert.Throws<ArgumentException>(() => new Ablation(Tabular(), tricks, new[] { 0.1, 0.1 })).ParamName);
        Assert.Equal("rates", Assert.Throws<ArgumentOutOfRangeException>(() => new Ablation(Tabular(), tricks, Enumerable.Repeat(-1.0, tricks.Count + 1).ToArray())).ParamName);
        Assert.Equal("tricks", Assert.Throws<ArgumentException>(() => new Ablation(Tabular(), Array.Empty<Trick>())).ParamName);
        Assert.Equal("tricks", Assert.Throws<ArgumentException>(() => new Ablation(Tabular(), new[] { ClassifierTricks.Cosine, ClassifierTricks.Cosine })).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => ClassifierTricks.Dropout(1.5)).ParamName);
        Assert.Equal("trainCount", Assert.Throws<ArgumentOutOfRangeException>(() => Tabular(0)).ParamName);
        Assert.Equal("Rate", Assert.Throws<ArgumentOutOfRangeException>(() => (Tabular() with { Rate = 0 }).ToArm("x")).ParamName);
    }

    [Fact]
    public void The_table_reads_paired_gains_oriented_better_up_with_verdicts_on_the_first_metric()
    {
        var tricks = new[] { ClassifierTricks.BatchNorm, ClassifierTricks.Cosine };
        var ablation = new Ablation(Tabular(), tricks);
        // Per seed: accuracy and NLL of each arm. "+ batch norm" helps (+0.05 every seed, NLL lower), "+ cosine" is noise.
        var acc = new Dictionary<string, double[]>
        {
            [Ablation.BaselineName] = new[] { 0.70, 0.72, 0.71, 0.69, 0.70 },
            ["+ batch norm"] = new[] { 0.75, 0.77, 0.76, 0.74, 0.75 },
            ["+ cosine schedule"] = new[] { 0.76, 0.76, 0.77, 0.73, 0.76 },
            ["all but batch norm"] = new[] { 0.80, 0.81, 0.79, 0.80, 0.80 },
            ["all but cosine schedule"] = new[] { 0.75, 0.77, 0.76, 0.74, 0.75 },
            [Ablation.NoiseName] = new[] { 0.71, 0.71, 0.70, 0.70, 0.70 },
        };
        var arms = ablation.Arms().Select((a, i) => new ArmResult(a.Name, i == 0, acc[a.Name].Select((v, s) => new RunRecord(a.Name, s,
            new Dictionary<string, double> { ["test_accuracy"] = v, ["test_nll"] = 2 - v, ["test_ece"] = 0.1 })).ToArray())).ToArray();
        var result = new ExperimentResult("ablation", "quick", Enumerable.Range(0, 5).ToArray(), 0, arms, Array.Empty<Claim>(), new Dictionary<string, string>());
        var table = ablation.Table(result);
        var bn = table.Rows.Single(r => r.Name == "+ batch norm");
        Assert.Equal(0.05, bn.Gain(ClassifierMetrics.TestAccuracy)!.Value, 9);
        Assert.Equal(0.05, bn.Gain(ClassifierMetrics.TestNll)!.Value, 9);   // lower NLL is a positive gain
        Assert.Equal(StageVerdict.Helps, bn.Verdict);
        Assert.Equal(StageVerdict.NoMeasurableEffect, table.Rows.Single(r => r.Name == "+ cosine schedule").Verdict);
        // Leave-one-out: the full stack (0.76 ..) is worse than the stack without batch norm (0.80 ..): batch norm hurts there.
        Assert.Equal(StageVerdict.Hurts, table.Rows.Single(r => r.Name == "all but batch norm").Verdict);
        Assert.Null(table.Rows[0].Verdict);
        Assert.Equal(StageVerdict.NoMeasurableEffect, table.Noise.Verdict);
        Assert.Equal(StageVerdict.Helps, table.Total.Verdict);
        Assert.Contains("no measurable effect", table.ToString());
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => ablation.Table(result with { Arms = arms.Take(2).ToArray() })).ParamName);
    }

    [Fact]
    public void An_ablation_runs_on_the_engine_on_the_shipped_breast_cancer_csv()
    {
        var file = Path.Combine(Tricks.Lab.Repository.TryFindRoot()!, "datasets", "breast_cancer.csv");
        using var all = CsvData.BreastCancer(file);
        // Each seed: a shuffled split, 400 to train and the rest to evaluate.
        LabeledData Part(int seed, bool train)
        {
            var order = Enumerable.Range(0, all.Count).OrderBy(_ => 0).ToArray();
            new Random(seed).Shuffle(order);
            return all.Select((train ? order.Take(400) : order.Skip(400)).Select(i => (long)i).ToArray());
        }
        var recipe = new Recipe(n => Models.ResidualMlp(30, 2, width: 16, depth: 1, activation: n.Activation, init: n.Init, norm: n.Norm, skip: n.Skip, dropout: n.Dropout),
            seed => Part(seed, true), seed => Part(seed, false), 400, flatten: true) { Epochs = 2, Rate = 0.05 };
        var ablation = new Ablation(recipe, new[] { ClassifierTricks.ReluHe, ClassifierTricks.BatchNorm });
        var settings = new ExperimentSettings(RunMode.Quick, new[] { 1, 2, 3, 4, 5 });
        var table = ablation.Run(settings);
        var again = ablation.Run(settings);
        Assert.Equal(ablation.Stages.Count, table.Rows.Count);
        Assert.All(table.Rows, r => Assert.InRange(r.Level(ClassifierMetrics.TestAccuracy).Value, 0.5, 1.0));
        Assert.All(table.Rows.Skip(1), r => Assert.True(double.IsFinite(r.Gain(ClassifierMetrics.TestAccuracy)!.High)));
        // Same seeds, same numbers.
        Assert.Equal(table.Total.Gains[0].Estimate, again.Total.Gains[0].Estimate);
    }

    [Fact]
    public void ResNetLite_with_and_without_skips_has_the_same_parameters_and_refuses_bad_sizes()
    {
        Kit.Init();
        using var plain = Models.ResNetLite(skip: false, size: 14);
        using var residual = Models.ResNetLite(skip: true, size: 14, dropout: 0.2);
        Assert.Equal(plain.parameters().Sum(p => p.numel()), residual.parameters().Sum(p => p.numel()));
        using var x = randn(3, 1, 14, 14);
        using var y = residual.call(x);
        Assert.Equal(new long[] { 3, 10 }, y.shape);
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => Models.ResNetLite(size: 3)).ParamName);
        using var deeper = Models.ResNetLite(skip: true, size: 14, blocks: 3);
        using var conv = Models.ResNetLite(skip: false, size: 14, blocks: 1);
        // Two more blocks per stage: 2 x (8x8x3x3 + 8) + 2 x (16x16x3x3 + 16) more weights (each block's BN adds 2 per channel).
        Assert.Equal(2 * (8 * 8 * 9 + 8 + 2 * 8) + 2 * (16 * 16 * 9 + 16 + 2 * 16), deeper.parameters().Sum(p => p.numel()) - conv.parameters().Sum(p => p.numel()));
        Assert.Equal("blocks", Assert.Throws<ArgumentOutOfRangeException>(() => Models.ResNetLite(blocks: 0)).ParamName);
        Assert.Equal("dropout", Assert.Throws<ArgumentOutOfRangeException>(() => Models.ResidualMlp(4, 2, dropout: 1)).ParamName);
    }
}
