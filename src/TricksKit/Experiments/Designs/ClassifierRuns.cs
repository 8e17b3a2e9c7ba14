using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>The final metrics of a classifier run, from its logits on the training and test sets (<see cref="Evaluation.Logits(nn.Module{Tensor, Tensor}, LabeledData, bool)"/>).</summary>
public static class ClassifierRuns
{
    /// <summary>The usual final metrics of a classifier: train/test accuracy and cross-entropy, the gap, and the test ECE.</summary>
    public static Dictionary<string, double> Metrics(nn.Module<Tensor, Tensor> model, LabeledData train, LabeledData test, bool flatten = true)
    {
        using var scope = NewDisposeScope();
        return Metrics(Evaluation.Logits(model, train, flatten), train.Labels, Evaluation.Logits(model, test, flatten), test.Labels);
    }

    /// <summary>The same metrics from logits already computed, (N, C) each, against class indices.</summary>
    public static Dictionary<string, double> Metrics(Tensor trainLogits, Tensor trainLabels, Tensor testLogits, Tensor testLabels)
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
