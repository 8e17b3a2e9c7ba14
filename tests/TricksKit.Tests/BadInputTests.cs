using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Tests;

/// <summary>
/// Every factory and forward validates its input: a clear ArgumentException naming the parameter and what is
/// allowed, never a native crash. Each row's name says which bad input it is.
/// </summary>
public class BadInputTests
{
    private static Tensor Logits => ones(4, 3);
    private static Tensor Targets => tensor(new long[] { 0, 1, 2, 0 });

    private static readonly Dictionary<string, (Action Act, string Param)> Cases = new()
    {
        ["Focal: gamma < 0"] = (() => Losses.Focal(-0.5), "gamma"),
        ["Focal: gamma NaN"] = (() => Losses.Focal(double.NaN), "gamma"),
        ["Focal: alpha empty"] = (() => Losses.Focal(2, Array.Empty<double>()), "alpha"),
        ["Focal: alpha entry < 0"] = (() => Losses.Focal(2, new[] { 0.5, -0.1, 0.2 }), "alpha"),
        ["Focal: alpha count differs from classes"] = (() => Losses.Focal(2, new[] { 0.5, 0.5 }).call(Logits, Targets), "alpha"),
        ["Focal: input not 2-D"] = (() => Losses.Focal().call(ones(4), Targets), "input"),
        ["Focal: target class out of range"] = (() => Losses.Focal().call(Logits, tensor(new long[] { 0, 1, 3, 0 })), "target"),
        ["Focal: target negative class"] = (() => Losses.Focal().call(Logits, tensor(new long[] { 0, -1, 2, 0 })), "target"),
        ["Focal: target length differs"] = (() => Losses.Focal().call(Logits, tensor(new long[] { 0, 1 })), "target"),
        ["Focal: target not integer"] = (() => Losses.Focal().call(Logits, tensor(new[] { 0f, 1, 2, 0 })), "target"),
        ["SigmoidFocal: gamma < 0"] = (() => Losses.SigmoidFocal(gamma: -1), "gamma"),
        ["SigmoidFocal: alpha > 1"] = (() => Losses.SigmoidFocal(alpha: 1.5), "alpha"),
        ["SigmoidFocal: shapes differ"] = (() => Losses.SigmoidFocal().call(ones(4), ones(5)), "target"),
        ["LabelSmoothing: smoothing = 1"] = (() => Losses.LabelSmoothing(1.0), "smoothing"),
        ["LabelSmoothing: smoothing < 0"] = (() => Losses.LabelSmoothing(-0.1), "smoothing"),
        ["LabelSmoothing: target out of range"] = (() => Losses.LabelSmoothing().call(Logits, tensor(new long[] { 0, 1, 5, 0 })), "target"),
        ["Flood: level < 0"] = (() => Losses.Flood(tensor(1.0), -0.1), "level"),
        ["Flood: loss not a scalar"] = (() => Losses.Flood(ones(3), 0.1), "loss"),
        ["Flooded: inner null"] = (() => Losses.Flooded(null!, 0.1), "inner"),
        ["Flooded: level < 0"] = (() => Losses.Flooded(nn.CrossEntropyLoss(), -1), "level"),
        ["GroupNorm: groups do not divide channels"] = (() => Layers.GroupNorm(3, 8), "groups"),
        ["GroupNorm: groups = 0"] = (() => Layers.GroupNorm(0, 8), "groups"),
        ["GroupNorm: channels < 1"] = (() => Layers.GroupNorm(2, -4), "channels"),
        ["GroupNorm: eps = 0"] = (() => Layers.GroupNorm(2, 4, eps: 0), "eps"),
        ["GroupNorm: input channels differ"] = (() => Layers.GroupNorm(2, 4).call(ones(2, 6, 3)), "input"),
        ["BatchNorm: channels = 0"] = (() => Layers.BatchNorm(0), "channels"),
        ["BatchNorm: momentum > 1"] = (() => Layers.BatchNorm(4, momentum: 1.5), "momentum"),
        ["BatchNorm: eps < 0"] = (() => Layers.BatchNorm(4, eps: -1e-5), "eps"),
        ["BatchNorm: one value per channel in training"] = (() => Layers.BatchNorm(4).call(ones(1, 4)), "input"),
        ["BatchNorm: input channels differ"] = (() => Layers.BatchNorm(4).call(ones(8, 3)), "input"),
        ["Dropout: p = 1"] = (() => Layers.Dropout(1.0), "p"),
        ["Dropout: p < 0"] = (() => Layers.Dropout(-0.2), "p"),
        ["Residual: body null"] = (() => Layers.Residual(null!), "body"),
        ["Residual: body changes the shape without a shortcut"] = (() => Layers.Residual(nn.Linear(3, 4)).call(ones(2, 3)), "input"),
        ["CosineWarmRestarts: period = 0"] = (() => Schedules.CosineWarmRestarts(0.1, 0, 0), "period"),
        ["CosineWarmRestarts: periodMult = 0"] = (() => Schedules.CosineWarmRestarts(0.1, 0, 10, 0), "periodMult"),
        ["CosineWarmRestarts: lrMin > lrMax"] = (() => Schedules.CosineWarmRestarts(0.1, 0.2, 10), "lrMin"),
        ["CosineWarmRestarts: lrMax <= 0"] = (() => Schedules.CosineWarmRestarts(0, 0, 10), "lrMax"),
        ["ArticleCyclic: cycle = 0"] = (() => Schedules.ArticleCyclic(0.1, 0.001, 0), "cycle"),
        ["ArticleCyclic: lrMin > lrInit"] = (() => Schedules.ArticleCyclic(0.1, 0.5, 8), "lrMin"),
        ["LrSchedule: negative step"] = (() => Schedules.Constant(0.1).At(-1), "step"),
        ["Wgan.ClipWeights: c <= 0"] = (() => Wgan.ClipWeights(nn.Linear(2, 2), 0), "c"),
        ["Wgan.GradientPenalty: lambda < 0"] = (() => Wgan.GradientPenalty(x => x.sum(1), ones(4, 2), ones(4, 2), ones(4, 1), -1), "lambda"),
        ["Wgan.GradientPenalty: real and fake shapes differ"] = (() => Wgan.GradientPenalty(x => x.sum(1), ones(4, 2), ones(3, 2), ones(4, 1)), "fake"),
        ["Wgan.GradientPenalty: epsilon not one per sample"] = (() => Wgan.GradientPenalty(x => x.sum(1), ones(4, 2), ones(4, 2), ones(4, 2)), "epsilon"),
        ["Wgan.CriticLoss: empty scores"] = (() => Wgan.CriticLoss(zeros(0), ones(3)), "realScores"),
        ["Metrics.AveragePrecision: no positive"] = (() => Metrics.AveragePrecision(ones(4), zeros(4)), "targets"),
        ["Metrics.AveragePrecision: targets not 0/1"] = (() => Metrics.AveragePrecision(ones(2), tensor(new[] { 0.0, 2.0 })), "targets"),
        ["Metrics.RecallPerClass: classes = 0"] = (() => Metrics.RecallPerClass(Targets, Targets, 0), "classes"),
        ["Metrics.ExpectedCalibrationError: bins = 0"] = (() => Metrics.ExpectedCalibrationError(Logits, Targets, 0), "bins"),
        ["Models.Mlp: fewer than 2 widths"] = (() => Models.Mlp(new[] { 784 }), "widths"),
        ["Models.Mlp: width < 1"] = (() => Models.Mlp(new[] { 784, 0, 10 }), "widths"),
        ["Models.Mlp: dropout = 1"] = (() => Models.Mlp(new[] { 4, 4, 2 }, dropout: 1), "dropout"),
        ["Batches: batchSize = 0"] = (() => Batches.Shuffled(10, 0, 0), "batchSize"),
        ["Batches: empty data"] = (() => Batches.Shuffled(0, 8, 0), "count"),
        ["Batches: negative epoch"] = (() => Batches.Shuffled(10, 4, 0, -1), "epoch"),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Keys) data.Add(name);
        return data;
    }

    [Theory, MemberData(nameof(Names))]
    public void Bad_input_throws_ArgumentException_naming_the_parameter(string badInput)
    {
        Kit.Init();
        using var scope = NewDisposeScope();
        var (act, param) = Cases[badInput];
        var ex = Assert.ThrowsAny<ArgumentException>(act);
        Assert.Equal(param, ex.ParamName);
        Assert.Contains(param, ex.Message);
        Assert.Contains("must", ex.Message);
    }

    [Fact]
    public void Idx_rejects_a_header_that_does_not_match_the_data()
    {
        var header = new byte[] { 0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3 };
        var ex = Assert.Throws<InvalidDataException>(() => Idx.Parse(header, "test.idx"));
        Assert.Contains("5 bytes of data, file holds 3", ex.Message);
        Assert.Throws<InvalidDataException>(() => Idx.Parse(new byte[] { 1, 0, 8, 1 }, "x"));
        Assert.Throws<InvalidDataException>(() => Idx.Parse(new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 0 }, "x"));
        Assert.Equal(new[] { 2, 2 }, Idx.Parse(new byte[] { 0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4 }).Dimensions);
    }

    [Fact]
    public void IsIdx_reads_the_magic_of_plain_and_gzipped_files_and_says_no_to_anything_else()
    {
        var dir = Directory.CreateTempSubdirectory("isidx").FullName;
        try
        {
            string Write(string name, byte[] bytes, bool gzip = false)
            {
                var path = Path.Combine(dir, name);
                using var file = File.Create(path);
                using Stream s = gzip ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest) : file;
                s.Write(bytes);
                return path;
            }
            var idx = new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 7 };
            Assert.True(Idx.IsIdx(Write("a.idx", idx)));
            Assert.True(Idx.IsIdx(Write("a.idx.gz", idx, gzip: true)));
            Assert.False(Idx.IsIdx(Write("b.csv", "x,y\n1,0\n"u8.ToArray())));
            Assert.False(Idx.IsIdx(Write("short", new byte[] { 0, 0 })));
            Assert.False(Idx.IsIdx(Write("plain.gz", idx)));   // named .gz but not gzip: not an IDX file we can read
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
