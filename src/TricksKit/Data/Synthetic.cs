using static TorchSharp.torch;

namespace TricksKit.Data;

/// <summary>Seeded synthetic data sets the experiments need.</summary>
public static class Synthetic
{
    /// <summary>
    /// 2-D "dense detection" (for focal loss): rare positives in small blobs, hard negatives on rings just around
    /// them, and a mass of easy negatives spread over the square. Labels 1 (positive) / 0. Features (N, 2) float32.
    /// </summary>
    /// <param name="count">samples, >= 100.</param>
    /// <param name="seed">the layout's and the samples' seed.</param>
    /// <param name="positiveShare">share of positives, in (0, 0.5).</param>
    /// <param name="hardShare">share of hard negatives, in [0, 0.5).</param>
    /// <param name="blobs">number of positive blobs, >= 1.</param>
    public static LabeledData DenseDetection(int count, int seed = 0, double positiveShare = 0.01, double hardShare = 0.05, int blobs = 8)
    {
        if (count < 100) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be >= 100, got {count}.");
        if (!(positiveShare > 0 && positiveShare < 0.5)) throw new ArgumentOutOfRangeException(nameof(positiveShare), positiveShare, "positiveShare must be in (0, 0.5).");
        if (!(hardShare >= 0 && hardShare < 0.5)) throw new ArgumentOutOfRangeException(nameof(hardShare), hardShare, "hardShare must be in [0, 0.5).");
        if (blobs < 1) throw new ArgumentOutOfRangeException(nameof(blobs), blobs, "blobs must be >= 1.");
        Kit.Init();
        var rng = new Random(seed);
        // Blob centres are fixed by a separate stream so that train and test sets drawn with different seeds share them.
        var layout = new Random(1234 + blobs);
        var centres = Enumerable.Range(0, blobs).Select(_ => (x: layout.NextDouble() * 6 - 3, y: layout.NextDouble() * 6 - 3)).ToArray();
        int pos = Math.Max(1, (int)Math.Round(count * positiveShare)), hard = (int)Math.Round(count * hardShare);
        var xs = new float[count * 2];
        var ys = new long[count];
        for (int i = 0; i < count; i++)
        {
            double px, py;
            if (i < pos || i < pos + hard)
            {
                var c = centres[rng.Next(blobs)];
                double radius = i < pos ? Math.Abs(Gaussian(rng)) * 0.15 : 0.35 + Math.Abs(Gaussian(rng)) * 0.1;
                double angle = rng.NextDouble() * 2 * Math.PI;
                (px, py) = (c.x + radius * Math.Cos(angle), c.y + radius * Math.Sin(angle));
                ys[i] = i < pos ? 1 : 0;
            }
            else
            {
                (px, py) = (rng.NextDouble() * 8 - 4, rng.NextDouble() * 8 - 4);
                ys[i] = 0;
            }
            xs[2 * i] = (float)px; xs[2 * i + 1] = (float)py;
        }
        var order = Enumerable.Range(0, count).ToArray();
        rng.Shuffle(order);
        var x = tensor(order.SelectMany(i => new[] { xs[2 * i], xs[2 * i + 1] }).ToArray()).reshape(count, 2);
        var y = tensor(order.Select(i => ys[i]).ToArray());
        return new LabeledData(x, y, new[] { "background", "object" }, "dense-detection");
    }

    /// <summary>The centres of the 8-Gaussian ring: 8 points evenly spaced on a circle of <paramref name="radius"/>.</summary>
    public static IReadOnlyList<(double X, double Y)> RingCentres(int modes = 8, double radius = 2) =>
        Enumerable.Range(0, modes).Select(k => (radius * Math.Cos(2 * Math.PI * k / modes), radius * Math.Sin(2 * Math.PI * k / modes))).ToArray();

    /// <summary>
    /// <paramref name="count"/> samples of the 8-Gaussian ring (the GAN benchmark): a mixture of <paramref name="modes"/>
    /// Gaussians of standard deviation <paramref name="sigma"/> on a circle of <paramref name="radius"/>. (N, 2) float32.
    /// </summary>
    public static Tensor GaussianRing(int count, int seed = 0, int modes = 8, double radius = 2, double sigma = 0.02)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be >= 1, got {count}.");
        if (modes < 1) throw new ArgumentOutOfRangeException(nameof(modes), modes, "modes must be >= 1.");
        if (!(radius > 0)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "radius must be > 0.");
        if (!(sigma >= 0)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be >= 0.");
        Kit.Init();
        var rng = new Random(seed);
        var centres = RingCentres(modes, radius);
        var xs = new float[count * 2];
        for (int i = 0; i < count; i++)
        {
            var c = centres[rng.Next(modes)];
            xs[2 * i] = (float)(c.X + sigma * Gaussian(rng));
            xs[2 * i + 1] = (float)(c.Y + sigma * Gaussian(rng));
        }
        return tensor(xs).reshape(count, 2);
    }

    internal static double Gaussian(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
