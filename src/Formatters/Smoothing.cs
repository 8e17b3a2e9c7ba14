namespace TricksKit.Formatters;

/// <summary>Smoothing for per-step curves.</summary>
public static class Smoothing
{
    /// <summary>
    /// Exponential moving average with TensorBoard's debiasing: <c>s_t = beta s_(t-1) + (1 - beta) x_t</c>, shown as
    /// <c>s_t / (1 - beta^t)</c>, so the curve starts at the data instead of at 0. Non-finite values are skipped (the
    /// average carries over).
    /// </summary>
    /// <param name="values">the series (non-finite values skipped).</param>
    /// <param name="beta">the weight of the past, in [0, 1).</param>
    public static IReadOnlyList<double> Ema(IReadOnlyList<double> values, double beta)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(beta >= 0 && beta < 1)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be in [0, 1).");
        var result = new double[values.Count];
        double s = 0, weight = 0;
        for (int i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i]))
            {
                s = beta * s + (1 - beta) * values[i];
                weight = beta * weight + (1 - beta);
            }
            result[i] = weight > 0 ? s / weight : double.NaN;
        }
        return result;
    }

    /// <summary>The <c>beta</c> that averages over about 1/50 of a curve of <paramref name="count"/> points (at most 0.99).</summary>
    public static double BetaFor(int count) => Math.Clamp(1 - 50.0 / Math.Max(count, 1), 0, 0.99);
}
