using static TorchSharp.torch;

namespace TricksKit;

/// <summary>One confidence bin of a reliability diagram: (Lower, Upper], its share of samples, accuracy and mean confidence.</summary>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double Accuracy, double Confidence);

public static partial class Metrics
{
    /// <summary>
    /// Expected calibration error (Guo et al. 2017): <c>ECE = sum_b (|B_b| / N) |acc(B_b) - conf(B_b)|</c> over
    /// <paramref name="bins"/> equal-width confidence bins (lo, hi], confidence = max softmax probability.
    /// </summary>
    public static double ExpectedCalibrationError(Tensor logits, Tensor targets, int bins = 15)
    {
        var table = ReliabilityBins(logits, targets, bins);
        double n = table.Sum(b => b.Count);
        return table.Where(b => b.Count > 0).Sum(b => b.Count / n * Math.Abs(b.Accuracy - b.Confidence));
    }

    /// <summary>The bins behind <see cref="ExpectedCalibrationError"/>, for a reliability diagram.</summary>
    public static IReadOnlyList<ReliabilityBin> ReliabilityBins(Tensor logits, Tensor targets, int bins = 15)
    {
        Check.Positive(bins, nameof(bins));
        Check.Dims(logits, nameof(logits), 2);
        Check.NotEmpty(logits, nameof(logits));
        Check.ClassTargets(targets, logits.shape[0], logits.shape[1], nameof(targets));
        double[] confidence, correct;
        using (var scope = NewDisposeScope())
        {
            var probs = logits.detach().to_type(ScalarType.Float64).softmax(1);
            var (conf, pred) = probs.max(1);
            confidence = Doubles(conf);
            correct = Doubles(pred.eq(targets.to_type(ScalarType.Int64)));
        }
        var result = new ReliabilityBin[bins];
        for (int b = 0; b < bins; b++)
        {
            double lo = (double)b / bins, hi = (double)(b + 1) / bins;
            int count = 0; double acc = 0, conf = 0;
            for (int i = 0; i < confidence.Length; i++)
            {
                if (confidence[i] > lo && confidence[i] <= hi) { count++; acc += correct[i]; conf += confidence[i]; }
            }
            result[b] = new ReliabilityBin(lo, hi, count, count == 0 ? 0 : acc / count, count == 0 ? 0 : conf / count);
        }
        return result;
    }
}
