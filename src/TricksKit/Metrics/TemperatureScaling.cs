using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

public static partial class Metrics
{
    /// <summary>
    /// Temperature scaling (Guo et al. 2017): the T &gt; 0 that minimises the cross-entropy of <c>softmax(logits / T)</c>
    /// on held-out <paramref name="logits"/> and <paramref name="targets"/> (a validation split, never the test set).
    /// Found by golden-section search on log T over [<paramref name="min"/>, <paramref name="max"/>] (the NLL is convex
    /// in 1/T); divide the test logits by it to calibrate a trained classifier without changing its predictions.
    /// </summary>
    public static double FitTemperature(Tensor logits, Tensor targets, double min = 0.05, double max = 20)
    {
        Check.Dims(logits, nameof(logits), 2);
        Check.NotEmpty(logits, nameof(logits));
        Check.ClassTargets(targets, logits.shape[0], logits.shape[1], nameof(targets));
        if (!(min > 0 && max > min)) throw new ArgumentOutOfRangeException(nameof(min), min, $"min must be > 0 and below max ({max}).");
        using var scope = NewDisposeScope();
        var z = logits.detach().to_type(ScalarType.Float64);
        var y = targets.to_type(ScalarType.Int64);
        double Nll(double logT) => nn.functional.cross_entropy(z / Math.Exp(logT), y).item<double>();
        double a = Math.Log(min), b = Math.Log(max), g = (Math.Sqrt(5) - 1) / 2;
        double c = b - g * (b - a), d = a + g * (b - a), fc = Nll(c), fd = Nll(d);
        for (int i = 0; i < 60; i++)
        {
            if (fc < fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = Nll(c); }
            else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = Nll(d); }
        }
        return Math.Exp((a + b) / 2);
    }
}
