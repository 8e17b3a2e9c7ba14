using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Tests;

/// <summary>The data the papers' figures are drawn from: computed right, from the kit's own functions.</summary>
public class FigureDataTests
{
    [Fact]
    public void PrecisionRecallCurve_matches_sklearn_and_integrates_to_the_average_precision()
    {
        using var scope = NewDisposeScope();
        // sklearn.metrics.precision_recall_curve([1,0,1,1,0], [.9,.8,.7,.6,.5]), thresholds in decreasing order.
        var scores = tensor(new[] { 0.9, 0.8, 0.7, 0.6, 0.5 });
        var targets = tensor(new[] { 1.0, 0, 1, 1, 0 });
        var c = Metrics.PrecisionRecallCurve(scores, targets);
        Assert.Equal(new[] { 0.9, 0.8, 0.7, 0.6, 0.5 }, c.Select(p => p.Threshold));
        Assert.Equal(new[] { 1 / 3.0, 1 / 3.0, 2 / 3.0, 1, 1 }, c.Select(p => p.Recall), new Tol(1e-12));
        Assert.Equal(new[] { 1, 0.5, 2 / 3.0, 0.75, 0.6 }, c.Select(p => p.Precision), new Tol(1e-12));
        double ap = c.Select((p, i) => (p.Recall - (i == 0 ? 0 : c[i - 1].Recall)) * p.Precision).Sum();
        Assert.Equal(Metrics.AveragePrecision(scores, targets), ap, 12);
        // Tied scores make one point (sklearn: [0.5, 0.5, 0.5, 0.1] with [1, 0, 1, 0] gives P 2/3 at R 1, then 1/2).
        var tied = Metrics.PrecisionRecallCurve(tensor(new[] { 0.5, 0.5, 0.5, 0.1 }), tensor(new[] { 1.0, 0, 1, 0 }));
        Assert.Equal(new[] { 2 / 3.0, 0.5 }, tied.Select(p => p.Precision), new Tol(1e-12));
    }

    [Fact]
    public void PrecisionRecallCurve_thins_a_long_curve_keeping_its_ends()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(0);
        var scores = rand(5000);
        var targets = (scores + 0.5 * rand(5000)).gt(0.9).to_type(ScalarType.Float64);
        var full = Metrics.PrecisionRecallCurve(scores, targets, points: 100000);
        var thin = Metrics.PrecisionRecallCurve(scores, targets, points: 20);
        Assert.True(full.Count > 1000);
        Assert.InRange(thin.Count, 10, 21);
        Assert.Equal(full[0], thin[0]);
        Assert.Equal(full[^1], thin[^1]);
        Assert.True(thin.Zip(thin.Skip(1)).All(p => p.Second.Recall >= p.First.Recall));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.PrecisionRecallCurve(scores, targets, points: 1));
        Assert.Equal("points", e.ParamName);
    }

    [Fact]
    public void The_penultimate_projection_puts_the_templates_on_a_triangle_in_the_plane()
    {
        using var scope = NewDisposeScope();
        // Penultimate layer = the input (identity weights), templates = rows of the last layer.
        var first = nn.Linear(3, 3);
        var last = nn.Linear(3, 4);
        using (no_grad())
        {
            first.weight!.copy_(eye(3)); first.bias!.zero_();
            last.weight!.copy_(tensor(new float[] { 1, 0, 0, 0, 2, 0, 0, 0, 3, 1, 1, 1 }).reshape(4, 3));
        }
        var model = nn.Sequential(("first", first), ("act", nn.Identity()), ("last", last));
        // One example per class sits exactly at its class's template.
        var x = tensor(new float[] { 1, 0, 0, 0, 2, 0, 0, 0, 3 }).reshape(3, 3);
        var data = new LabeledData(x, tensor(new long[] { 0, 1, 2 }), new[] { "a", "b", "c", "d" });
        var (px, py, label) = LabelSmoothingExperiment.PenultimateProjection(model, data, new[] { 0, 1, 2 }, perClass: 5);
        Assert.Equal(new[] { 0.0, 1, 2 }, label);
        Assert.Equal(0, px[0], 6); Assert.Equal(0, py[0], 6);                     // w_a is the origin
        Assert.Equal(Math.Sqrt(5), px[1], 5); Assert.Equal(0, py[1], 6);          // w_b on e1 at |w_b - w_a|
        Assert.Equal(Math.Sqrt(10), Math.Sqrt(px[2] * px[2] + py[2] * py[2]), 5); // w_c at |w_c - w_a| from it
        Assert.True(py[2] > 0);
        Assert.Throws<ArgumentException>(() => LabelSmoothingExperiment.PenultimateProjection(model, data, new[] { 0, 1 }));
    }

    [Fact]
    public void The_sigmoid_input_percentiles_read_the_unit_before_the_last_sigmoid()
    {
        using var scope = NewDisposeScope();
        var first = nn.Linear(2, 3);
        using (no_grad()) { first.weight!.zero_(); first.weight![0, 0] = tensor(1f); first.bias!.zero_(); }
        var model = nn.Sequential(("linear0", first), ("act0", nn.Sigmoid()), ("linear1", nn.Linear(3, 2)));
        var x = stack(new[] { arange(0, 101, dtype: ScalarType.Float32), zeros(101) }, 1);
        var data = new LabeledData(x, zeros(101, dtype: ScalarType.Int64), new[] { "a", "b" });
        model.train();
        var p = BatchNormExperiment.SigmoidInputPercentiles(model, data);
        Assert.Equal(new[] { 15.0, 50, 85 }, p);
        Assert.True(model.training);                               // the mode is restored
    }

    [Fact]
    public void Gan_checkpoints_keep_their_first_samples_for_the_figure()
    {
        Kit.Init(1);
        using var pool = Synthetic.GaussianRing(2000, seed: 0);
        torch.manual_seed(0);
        var h = GanTrainer.Fit(Models.Generator(), Models.Critic(), pool, new GanOptions { Kind = GanKind.WganGp, Lambda = 0.1, Iterations = 4, EvaluateEvery = 2, EvalSamples = 300 });
        Assert.Equal(2, h.Evaluations.Count);
        Assert.All(h.Evaluations, c => Assert.Equal(2 * GanTrainer.SamplesKept, c.Samples.Count));
        Assert.NotEqual(h.Evaluations[0].Samples, h.Evaluations[1].Samples);
        Assert.Equal(new[] { 4, 9, 14, 19 }, WganExperiment.SampleCheckpoints(20));
    }

    private sealed class Tol(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(double v) => 0;
    }
}
