using Microsoft.Data.Analysis;

namespace TricksKit.Experiments;

/// <summary>
/// The outcome of an experiment: arms (baseline first) x seeds, the claims checked on it, wall time and environment.
/// Immutable: <see cref="WithClaims(Claim[])"/> returns a new result.
/// </summary>
public sealed record ExperimentResult(
    string Trick,
    string Mode,
    IReadOnlyList<int> Seeds,
    double Seconds,
    IReadOnlyList<ArmResult> Arms,
    IReadOnlyList<Claim> Claims,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The arm called <paramref name="name"/>.</summary>
    public ArmResult this[string name] => Arms.FirstOrDefault(a => a.Name == name)
        ?? throw new KeyNotFoundException($"no arm '{name}' (arms: {string.Join(", ", Arms.Select(a => a.Name))}).");

    /// <summary>The settings the experiment ran with.</summary>
    public ExperimentSettings Settings => new(ExperimentSettings.ParseMode(Mode), Seeds);

    /// <summary>The baseline arm (the first).</summary>
    public ArmResult Baseline => Arms[0];

    /// <summary>Per seed, <paramref name="arm"/>'s value of <paramref name="metric"/> minus <paramref name="baseline"/>'s (same seed, same data).</summary>
    public IReadOnlyList<double> Paired(string metric, string arm, string baseline)
    {
        var a = this[arm].Values(metric);
        var b = this[baseline].Values(metric);
        return a.Zip(b, (x, y) => x - y).ToArray();
    }

    /// <summary>Per seed, <paramref name="arm"/>'s value of <paramref name="metric"/> minus <paramref name="baseline"/>'s.</summary>
    public IReadOnlyList<double> Paired(Metric metric, string arm, string baseline) =>
        Paired((metric ?? throw new ArgumentNullException(nameof(metric))).Key, arm, baseline);

    /// <summary>This result with <paramref name="claims"/> added.</summary>
    public ExperimentResult WithClaims(params Claim[] claims) => this with { Claims = Claims.Concat(claims).ToArray() };

    /// <summary>This result with <paramref name="claims"/> added.</summary>
    public ExperimentResult WithClaims(IEnumerable<Claim> claims) => WithClaims(claims.ToArray());

    /// <summary>True when every claim holds and no control holds.</summary>
    public bool Passed => Claims.All(c => c.Passed);

    /// <summary>
    /// Throws <see cref="ClaimFailedException"/> when a claim does not hold or its control holds (the test could not
    /// tell the trick from noise); returns this result otherwise.
    /// </summary>
    public ExperimentResult Assert()
    {
        var failed = Claims.Where(c => !c.Passed).ToArray();
        if (failed.Length > 0) throw new ClaimFailedException(failed);
        return this;
    }

    /// <summary>One row per arm and metric: mean, std and the value of every seed.</summary>
    public DataFrame Summary()
    {
        var arm = new StringDataFrameColumn("arm");
        var metric = new StringDataFrameColumn("metric");
        var mean = new DoubleDataFrameColumn("mean");
        var std = new DoubleDataFrameColumn("std");
        var perSeed = Seeds.Select(s => new DoubleDataFrameColumn($"seed {s}")).ToArray();
        foreach (var a in Arms)
            foreach (var m in a.MetricNames)
            {
                arm.Append(a.Name); metric.Append(m);
                var values = a.Values(m);
                mean.Append(values.Average()); std.Append(Stats.Std(values));
                for (int i = 0; i < perSeed.Length; i++) perSeed[i].Append(i < values.Count ? values[i] : null);
            }
        return new DataFrame(new DataFrameColumn[] { arm, metric, mean, std }.Concat(perSeed));
    }
}

internal static class Stats
{
    public static double Std(IReadOnlyList<double> v)
    {
        if (v.Count < 2) return 0;
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1));
    }
}
