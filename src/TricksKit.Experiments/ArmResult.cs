namespace TricksKit.Experiments;

/// <summary>The runs of one arm, one per seed, in seed order.</summary>
public sealed record ArmResult(string Name, bool Baseline, IReadOnlyList<RunRecord> Runs)
{
    /// <summary>How many runs each seed's record is the mean of (<see cref="Arm.Replicates"/>; 1 for most arms).</summary>
    public int Replicates { get; init; } = 1;

    /// <summary>The metric's value for each seed.</summary>
    public IReadOnlyList<double> Values(string metric) =>
        Runs.Select(r => r.MetricValues.TryGetValue(metric, out var v) ? v
            : throw new KeyNotFoundException($"arm '{Name}' has no metric '{metric}' (it has {string.Join(", ", r.MetricValues.Keys)}).")).ToArray();

    /// <summary>The metric's value for each seed.</summary>
    public IReadOnlyList<double> Values(Metric metric) => Values((metric ?? throw new ArgumentNullException(nameof(metric))).Key);

    /// <summary>Mean over seeds.</summary>
    public double Mean(string metric) => Values(metric).Average();

    /// <summary>Mean over seeds.</summary>
    public double Mean(Metric metric) => Values(metric).Average();

    /// <summary>Sample standard deviation over seeds (0 for one seed).</summary>
    public double Std(string metric) => Stats.Std(Values(metric));

    /// <summary>The metric names, in the order the first run reported them.</summary>
    public IReadOnlyList<string> MetricNames => Runs.Count == 0 ? Array.Empty<string>() : Runs[0].MetricValues.Keys.ToArray();

    /// <summary>Each seed's recording of <paramref name="series"/> (empty for a run that recorded none).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Recorded(Series series) => Runs.Select(r => r.Values(series)).ToArray();

    /// <summary>The mean over seeds of a recorded series, cut to the shortest run that has it (empty when none has).</summary>
    public IReadOnlyList<double> MeanSeries(Series series)
    {
        var runs = Recorded(series).Where(r => r.Count > 0).ToArray();
        if (runs.Length == 0) return Array.Empty<double>();
        int n = runs.Min(r => r.Count);
        return Enumerable.Range(0, n).Select(i => runs.Average(r => r[i])).ToArray();
    }
}
