namespace TricksKit;

/// <summary>
/// A quantity an experiment measures once per run: its <see cref="Key"/> in <see cref="RunRecord.Metrics"/> and the
/// results JSON, a label with its unit for tables and charts, and which direction is better. Designs declare their
/// metrics once, as static fields, and use them everywhere (no metric name is typed twice).
/// </summary>
public sealed record Metric(string Key, string Label, bool HigherIsBetter = true)
{
    /// <summary>The key.</summary>
    public override string ToString() => Key;

    /// <summary>Better by how much: <c>a - b</c> when higher is better, <c>b - a</c> when lower is.</summary>
    public double Gain(double a, double b) => HigherIsBetter ? a - b : b - a;
}

/// <summary>The metrics every classifier run reports (<see cref="ClassifierRuns"/>).</summary>
public static class ClassifierMetrics
{
    /// <summary>The metric <c>train_accuracy</c>: training accuracy (fraction).</summary>
    public static readonly Metric TrainAccuracy = new("train_accuracy", "training accuracy (fraction)");
    /// <summary>The metric <c>test_accuracy</c>: test accuracy (fraction).</summary>
    public static readonly Metric TestAccuracy = new("test_accuracy", "test accuracy (fraction)");
    /// <summary>The metric <c>accuracy_gap</c>: train - test accuracy (fraction).</summary>
    public static readonly Metric AccuracyGap = new("accuracy_gap", "train - test accuracy (fraction)", HigherIsBetter: false);
    /// <summary>The metric <c>train_loss</c>: training cross-entropy (nats).</summary>
    public static readonly Metric TrainLoss = new("train_loss", "training cross-entropy (nats)", HigherIsBetter: false);
    /// <summary>The metric <c>test_nll</c>: test cross-entropy (nats).</summary>
    public static readonly Metric TestNll = new("test_nll", "test cross-entropy (nats)", HigherIsBetter: false);
    /// <summary>The metric <c>test_ece</c>: test expected calibration error (15 bins).</summary>
    public static readonly Metric TestEce = new("test_ece", "test expected calibration error (15 bins)", HigherIsBetter: false);
}
