using System.Globalization;

namespace TricksKit.Experiments.Statistics;

/// <summary>
/// An effect estimated from n paired runs with its 95% interval and how the interval was computed. A censored end (a
/// step count that was never reached counts as "more than the budget") is a bound: its text reads "&gt; x"; a censored
/// upper end is +infinity in <see cref="High"/>, because nothing is known above it. Immutable.
/// </summary>
public sealed record Estimate(double Value, double Low, double High, int N, string Method)
{
    /// <summary>The confidence level of every interval the kit computes.</summary>
    public const double Level = 0.95;

    /// <summary>The estimate as shown, when it is a bound ("&gt; 4.1"); null otherwise.</summary>
    public string? ValueText { get; init; }
    /// <summary>The lower end as shown, when it is a bound; null otherwise.</summary>
    public string? LowText { get; init; }
    /// <summary>The upper end as shown, when it is a bound ("&gt; 6"); null otherwise.</summary>
    public string? HighText { get; init; }

    /// <summary>"0.123 [0.05, 0.2]".</summary>
    public string Shown => $"{ValueText ?? Format(Value)} [{LowText ?? Format(Low)}, {HighText ?? Format(High)}]";

    /// <summary>The estimate in words: the value, the interval and its method.</summary>
    public override string ToString() => $"{Shown} ({Method}, n = {N})";

    /// <summary>A number as estimates show it: four significant digits, invariant culture.</summary>
    public static string Format(double v) => double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>
    /// The mean of <paramref name="values"/> (per-seed differences) with the Student t interval
    /// <c>mean +- t(0.975, n - 1) * s / sqrt(n)</c>; with fewer than two values, or a value that is not finite, the
    /// interval is unbounded (nothing can be concluded).
    /// </summary>
    public static Estimate Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("values must hold at least one value.", nameof(values));
        int n = values.Count;
        double mean = values.Average();
        const string method = "Student t on the per-seed values";
        if (n < 2 || !values.All(double.IsFinite)) return new Estimate(mean, double.NegativeInfinity, double.PositiveInfinity, n, method);
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        double half = StudentT.Quantile(0.5 + Level / 2, n - 1) * sd / Math.Sqrt(n);
        return new Estimate(mean, mean - half, mean + half, n, method);
    }

    /// <summary>
    /// The geometric mean of per-seed <paramref name="ratios"/> with the Student t interval of their logarithms,
    /// exponentiated (a ratio of 1 is no effect). A ratio that is not finite and positive makes the interval unbounded.
    /// </summary>
    public static Estimate GeometricMean(IReadOnlyList<double> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        if (ratios.Count == 0) throw new ArgumentException("ratios must hold at least one value.", nameof(ratios));
        const string method = "Student t on the per-seed log ratios";
        if (!ratios.All(r => r > 0 && double.IsFinite(r)))
            return new Estimate(double.NaN, 0, double.PositiveInfinity, ratios.Count, method);
        var logs = Mean(ratios.Select(r => Math.Log(r)).ToArray());
        return new Estimate(Math.Exp(logs.Value), Math.Exp(logs.Low), Math.Exp(logs.High), logs.N, method);
    }

    /// <summary>
    /// The median of per-seed values, some of them lower bounds (<c>Censored</c>: the true value is larger), with the
    /// distribution-free interval of order statistics [x(k), x(n+1-k)], k the largest with P(Binomial(n, 1/2) &lt; k)
    /// &lt;= 2.5% (k = 1 up to 8 seeds; the method states the coverage: 93.8% at 5 seeds). A censored upper end is +infinity.
    /// </summary>
    public static Estimate Median(IReadOnlyList<(double Value, bool Censored)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("values must hold at least one value.", nameof(values));
        var sorted = values.OrderBy(v => v.Value).ThenBy(v => v.Censored).ToArray();   // a bound "> x" sorts after x
        int n = sorted.Length, k = 1;
        while (k + 1 <= (n + 1) / 2 && BinomialBelow(n, k + 1) <= (1 - Level) / 2) k++;
        double coverage = 1 - 2 * BinomialBelow(n, k);
        var method = $"median, order-statistic interval (coverage {(100 * coverage).ToString("F1", CultureInfo.InvariantCulture)}%; censored runs as lower bounds)";
        var median = sorted[(n - 1) / 2];
        var low = sorted[k - 1];
        var high = sorted[n - k];
        static string? Bound((double Value, bool Censored) v) => v.Censored ? "> " + Format(v.Value) : null;
        return new Estimate(median.Value, low.Value, high.Censored ? double.PositiveInfinity : high.Value, n, method)
        {
            ValueText = Bound(median), LowText = Bound(low), HighText = Bound(high),
        };
    }

    /// <summary>P(Binomial(n, 1/2) &lt; k).</summary>
    private static double BinomialBelow(int n, int k)
    {
        double p = 0, c = 1;
        for (int i = 0; i < k; i++) { p += c; c = c * (n - i) / (i + 1); }
        return p / Math.Pow(2, n);
    }
}
