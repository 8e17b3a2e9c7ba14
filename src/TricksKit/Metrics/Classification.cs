using static TorchSharp.torch;

namespace TricksKit;

/// <summary>Evaluation metrics, equal to scikit-learn's where it has them (checked against reference cases).</summary>
public static partial class Metrics
{
    /// <summary>Share of samples whose arg-max logit (or predicted class, for 1-D input) equals the target.</summary>
    public static double Accuracy(Tensor logitsOrPredictions, Tensor targets)
    {
        Check.NotEmpty(logitsOrPredictions, nameof(logitsOrPredictions));
        Check.NotNull(targets, nameof(targets));
        using var scope = NewDisposeScope();
        var predictions = logitsOrPredictions.dim() == 2 ? logitsOrPredictions.argmax(1) : logitsOrPredictions;
        if (!predictions.shape.SequenceEqual(targets.shape))
            throw new ArgumentException($"targets must have one value per sample ({predictions.shape[0]}), got shape {Check.Shape(targets)}.", nameof(targets));
        return predictions.eq(targets.to_type(predictions.dtype)).to_type(ScalarType.Float64).mean().item<double>();
    }

    /// <summary>
    /// Recall of each class, <c>TP_c / (TP_c + FN_c)</c>, 0 for a class with no samples
    /// (sklearn's <c>recall_score(average=None)</c>).
    /// </summary>
    public static IReadOnlyList<double> RecallPerClass(Tensor predictions, Tensor targets, int classes)
    {
        Check.Positive(classes, nameof(classes));
        Check.Dims(predictions, nameof(predictions), 1);
        Check.ClassTargets(targets, predictions.shape[0], classes, nameof(targets));
        Check.ClassTargets(predictions, predictions.shape[0], classes, nameof(predictions));
        var p = Longs(predictions);
        var t = Longs(targets);
        var hit = new long[classes];
        var total = new long[classes];
        for (int i = 0; i < t.Length; i++)
        {
            total[t[i]]++;
            if (p[i] == t[i]) hit[t[i]]++;
        }
        return Enumerable.Range(0, classes).Select(c => total[c] == 0 ? 0.0 : (double)hit[c] / total[c]).ToArray();
    }

    /// <summary>
    /// Average precision, <c>AP = sum_n (R_n - R_{n-1}) P_n</c> over the distinct score thresholds in decreasing
    /// order (sklearn's <c>average_precision_score</c>). Targets are 0/1; at least one must be positive.
    /// </summary>
    public static double AveragePrecision(Tensor scores, Tensor targets)
    {
        // The sum over the full precision-recall curve: one point per distinct threshold, in decreasing order.
        double ap = 0, lastRecall = 0;
        foreach (var p in PrecisionRecallCurve(scores, targets, points: int.MaxValue))
        {
            ap += (p.Recall - lastRecall) * p.Precision;
            lastRecall = p.Recall;
        }
        return ap;
    }

    internal static double[] Doubles(Tensor t)
    {
        using var c = t.detach().cpu().to_type(ScalarType.Float64).flatten();
        return c.data<double>().ToArray();
    }

    internal static long[] Longs(Tensor t)
    {
        using var c = t.detach().cpu().to_type(ScalarType.Int64).flatten();
        return c.data<long>().ToArray();
    }
}
