using static TorchSharp.torch;

namespace TricksKit.Tests;

public class MetricReferenceTests
{
    [Fact]
    public void AveragePrecision_matches_sklearn()
    {
        var c = Reference.Cases("average_precision")[0];
        using var scope = NewDisposeScope();
        Reference.Close(c.Num("expected"), Metrics.AveragePrecision(c.T("scores"), c.T("targets")));
    }

    [Fact]
    public void AveragePrecision_groups_tied_scores_like_sklearn()
    {
        using var scope = NewDisposeScope();
        // sklearn: average_precision_score([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.1]) = 2/3
        Reference.Close(2.0 / 3, Metrics.AveragePrecision(tensor(new[] { 0.5, 0.5, 0.5, 0.1 }), tensor(new[] { 1.0, 0, 1, 0 })));
    }

    [Fact]
    public void RecallPerClass_matches_sklearn()
    {
        var c = Reference.Cases("recall_per_class")[0];
        using var scope = NewDisposeScope();
        var r = Metrics.RecallPerClass(c.T("predictions", ScalarType.Int64), c.T("targets", ScalarType.Int64), (int)c.Num("classes"));
        Reference.Close(c.T("expected"), tensor(r.ToArray()));
    }

    [Fact]
    public void ExpectedCalibrationError_matches_the_reference()
    {
        var c = Reference.Cases("expected_calibration_error")[0];
        using var scope = NewDisposeScope();
        Reference.Close(c.Num("expected"), Metrics.ExpectedCalibrationError(c.T("logits"), c.T("targets", ScalarType.Int64), (int)c.Num("bins")));
        var bins = Metrics.ReliabilityBins(c.T("logits"), c.T("targets", ScalarType.Int64));
        Assert.Equal(15, bins.Count);
        Assert.Equal((int)c.T("targets").shape[0], bins.Sum(b => b.Count));
    }
}
