using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Experiments;

/// <summary>The metrics every classifier run reports (<see cref="ClassifierArm"/>).</summary>
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

    /// <summary>The usual final metrics of a classifier from its logits, (N, C) each, against class indices: train/test accuracy and cross-entropy, the gap, and the test ECE.</summary>
    public static Dictionary<string, double> Measure(Tensor trainLogits, Tensor trainLabels, Tensor testLogits, Tensor testLabels)
    {
        using var scope = NewDisposeScope();
        var yTrain = trainLabels.to(trainLogits.device);
        var yTest = testLabels.to(testLogits.device);
        double trainAcc = TricksKit.Metrics.Accuracy(trainLogits, yTrain), testAcc = TricksKit.Metrics.Accuracy(testLogits, yTest);
        return new Dictionary<string, double>
        {
            [ClassifierMetrics.TrainAccuracy.Key] = trainAcc,
            [ClassifierMetrics.TestAccuracy.Key] = testAcc,
            [ClassifierMetrics.AccuracyGap.Key] = trainAcc - testAcc,
            [ClassifierMetrics.TrainLoss.Key] = nn.functional.cross_entropy(trainLogits, yTrain).ItemAsDouble(),
            [ClassifierMetrics.TestNll.Key] = nn.functional.cross_entropy(testLogits, yTest).ItemAsDouble(),
            [ClassifierMetrics.TestEce.Key] = TricksKit.Metrics.ExpectedCalibrationError(testLogits, yTest),
        };
    }
}
