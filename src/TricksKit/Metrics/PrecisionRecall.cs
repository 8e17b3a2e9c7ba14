using static TorchSharp.torch;

namespace TricksKit;

/// <summary>A point of a precision-recall curve: at threshold <see cref="Threshold"/> (score >= it is positive).</summary>
public readonly record struct PrecisionRecallPoint(double Threshold, double Recall, double Precision);

public static partial class Metrics
{
    /// <summary>
    /// The precision-recall curve, <c>P = TP / (TP + FP)</c> against <c>R = TP / (TP + FN)</c>, at every distinct score
    /// threshold in decreasing order (sklearn's <c>precision_recall_curve</c>), thinned to at most
    /// <paramref name="points"/> points spread evenly over recall. Targets are 0/1; at least one must be positive; no score may be NaN.
    /// </summary>
    /// <param name="scores">one score per sample, higher meaning more likely positive.</param>
    /// <param name="targets">0/1 per sample.</param>
    /// <param name="points">most points returned, >= 2.</param>
    public static IReadOnlyList<PrecisionRecallPoint> PrecisionRecallCurve(Tensor scores, Tensor targets, int points = 100)
    {
        Check.NotEmpty(scores, nameof(scores));
        Check.NotNull(targets, nameof(targets));
        Check.SameShape(scores, nameof(scores), targets, nameof(targets));
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, $"points must be >= 2, got {points}.");
        var s = Doubles(scores);
        if (Array.FindIndex(s, v => double.IsNaN(v)) is int nan and >= 0)
            throw new ArgumentException($"scores must not be NaN (as scikit-learn refuses them); score {nan} is NaN.", nameof(scores));
        var y = Doubles(targets);
        if (y.Any(v => v != 0 && v != 1)) throw new ArgumentException("targets must be 0 or 1.", nameof(targets));
        double positives = y.Sum();
        if (positives == 0) throw new ArgumentException("targets must contain at least one positive (1).", nameof(targets));
        var order = Enumerable.Range(0, s.Length).OrderByDescending(i => s[i]).ToArray();
        var curve = new List<PrecisionRecallPoint>();
        double tp = 0, fp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (y[order[k]] == 1) tp++; else fp++;
            if (k < order.Length - 1 && s[order[k + 1]] == s[order[k]]) continue;
            curve.Add(new PrecisionRecallPoint(s[order[k]], tp / positives, tp / (tp + fp)));
        }
        if (curve.Count <= points) return curve;
        // Keep the point nearest to each of `points` evenly spaced recalls (the first and last always).
        var kept = new List<PrecisionRecallPoint>(points);
        int j = 0;
        for (int p = 0; p < points; p++)
        {
            double target = curve[0].Recall + (curve[^1].Recall - curve[0].Recall) * p / (points - 1);
            while (j < curve.Count - 1 && curve[j].Recall < target) j++;
            if (kept.Count == 0 || kept[^1] != curve[j]) kept.Add(curve[j]);
        }
        if (kept[^1] != curve[^1]) kept.Add(curve[^1]);
        return kept;
    }
}
