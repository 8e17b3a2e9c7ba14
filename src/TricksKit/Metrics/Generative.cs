using static TorchSharp.torch;

namespace TricksKit;

public static partial class Metrics
{
    /// <summary>
    /// How many of the <paramref name="centres"/> a 2-D sample set covers: a mode counts when at least
    /// <paramref name="minShare"/> of the samples lie within <paramref name="radius"/> of it.
    /// </summary>
    public static int ModesCovered(Tensor samples, IReadOnlyList<(double X, double Y)> centres, double radius = 0.2, double minShare = 0.01)
    {
        var counts = ModeCounts(samples, centres, radius);
        long n = samples.shape[0];
        return counts.Count(c => c >= minShare * n);
    }

    /// <summary>The number of samples within <paramref name="radius"/> of each centre.</summary>
    public static IReadOnlyList<int> ModeCounts(Tensor samples, IReadOnlyList<(double X, double Y)> centres, double radius = 0.2)
    {
        Check.Dims(samples, nameof(samples), 2);
        if (samples.shape[1] != 2) throw new ArgumentException($"samples must be 2-D points (N, 2), got shape {Check.Shape(samples)}.", nameof(samples));
        ArgumentNullException.ThrowIfNull(centres);
        if (centres.Count == 0) throw new ArgumentException("centres must hold at least one point.", nameof(centres));
        Check.Positive(radius, nameof(radius));
        var p = Doubles(samples);
        var counts = new int[centres.Count];
        for (int i = 0; i < p.Length / 2; i++)
            for (int c = 0; c < centres.Count; c++)
            {
                double dx = p[2 * i] - centres[c].X, dy = p[2 * i + 1] - centres[c].Y;
                if (dx * dx + dy * dy <= radius * radius) { counts[c]++; break; }
            }
        return counts;
    }

    /// <summary>
    /// Sliced Wasserstein-1 distance between two point sets of the same size: the mean, over
    /// <paramref name="directions"/> random unit directions (seeded), of the 1-D Wasserstein distance between the
    /// projections (mean absolute difference of the sorted projections).
    /// </summary>
    public static double SlicedWasserstein(Tensor a, Tensor b, int directions = 64, int seed = 0)
    {
        Check.Dims(a, nameof(a), 2);
        Check.SameShape(a, nameof(a), b, nameof(b));
        Check.NotEmpty(a, nameof(a));
        Check.Positive(directions, nameof(directions));
        var rng = new Random(seed);
        long d = a.shape[1];
        var dirs = new double[directions * d];
        for (int k = 0; k < directions; k++)
        {
            double norm = 0;
            for (int j = 0; j < d; j++) { dirs[k * d + j] = Data.Synthetic.Gaussian(rng); norm += dirs[k * d + j] * dirs[k * d + j]; }
            for (int j = 0; j < d; j++) dirs[k * d + j] /= Math.Sqrt(norm);
        }
        using var scope = NewDisposeScope();
        var w = tensor(dirs, device: a.device).reshape(directions, d).t();
        var pa = a.detach().to_type(ScalarType.Float64).matmul(w).sort(0).Values;
        var pb = b.detach().to_type(ScalarType.Float64).matmul(w).sort(0).Values;
        return (pa - pb).abs().mean().item<double>();
    }

    /// <summary>Spearman's rank correlation (average ranks for ties).</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"x and y must have the same length, got {x.Count} and {y.Count}.", nameof(y));
        if (x.Count < 2) throw new ArgumentException("x must hold at least 2 values.", nameof(x));
        var rx = Ranks(x); var ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < rx.Length; i++) { sxy += (rx[i] - mx) * (ry[i] - my); sxx += (rx[i] - mx) * (rx[i] - mx); syy += (ry[i] - my) * (ry[i] - my); }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(IReadOnlyList<double> v)
    {
        var order = Enumerable.Range(0, v.Count).OrderBy(i => v[i]).ToArray();
        var ranks = new double[v.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && v[order[j + 1]] == v[order[i]]) j++;
            for (int k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return ranks;
    }
}
