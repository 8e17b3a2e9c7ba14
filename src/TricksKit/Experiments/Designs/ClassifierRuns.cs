using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>Helpers the experiment designs share: train a classifier and measure it on the test set.</summary>
public static class ClassifierRuns
{
    /// <summary>Logits of <paramref name="model"/> in evaluation mode on a data set, (N, C).</summary>
    public static Tensor Logits(nn.Module<Tensor, Tensor> model, LabeledData data, bool flatten = true)
    {
        using var x = flatten ? data.Flat() : data.Features.alias();
        return Logits(model, x);
    }

    /// <summary>Logits of <paramref name="model"/> in evaluation mode for features already shaped as it wants them.</summary>
    public static Tensor Logits(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var noGrad = no_grad();
        bool was = model.training;
        model.eval();
        var logits = model.call(x);
        if (was) model.train();
        return logits;
    }

    /// <summary>The usual final metrics of a classifier: train/test accuracy and cross-entropy, the gap, and the test ECE.</summary>
    public static Dictionary<string, double> Metrics(nn.Module<Tensor, Tensor> model, LabeledData train, LabeledData test, bool flatten = true)
    {
        using var scope = NewDisposeScope();
        var trainLogits = Logits(model, train, flatten);
        var testLogits = Logits(model, test, flatten);
        double trainAcc = TricksKit.Metrics.Accuracy(trainLogits, train.Labels), testAcc = TricksKit.Metrics.Accuracy(testLogits, test.Labels);
        return new Dictionary<string, double>
        {
            [ClassifierMetrics.TrainAccuracy.Key] = trainAcc,
            [ClassifierMetrics.TestAccuracy.Key] = testAcc,
            [ClassifierMetrics.AccuracyGap.Key] = trainAcc - testAcc,
            [ClassifierMetrics.TrainLoss.Key] = nn.functional.cross_entropy(trainLogits, train.Labels).ItemAsDouble(),
            [ClassifierMetrics.TestNll.Key] = nn.functional.cross_entropy(testLogits, test.Labels).ItemAsDouble(),
            [ClassifierMetrics.TestEce.Key] = TricksKit.Metrics.ExpectedCalibrationError(testLogits, test.Labels),
        };
    }
}
