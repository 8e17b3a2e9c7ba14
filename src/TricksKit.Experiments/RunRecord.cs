namespace TricksKit.Experiments;

/// <summary>
/// One arm run with one seed: its final metrics (by <see cref="Metric.Key"/>; a target never reached is +infinity,
/// written as null in the results JSON), when it trained its history, and the series it recorded for its figures (by
/// <see cref="Series.Key"/>). Read them typed with <see cref="Value"/> and <see cref="Values"/>.
/// </summary>
public sealed record RunRecord(string Arm, int Seed, IReadOnlyDictionary<string, double> MetricValues, TrainingHistory? History = null,
    double Seconds = 0, IReadOnlyDictionary<string, IReadOnlyList<double>>? SeriesValues = null)
{
    /// <summary>The run's value of <paramref name="metric"/>.</summary>
    public double Value(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return MetricValues.TryGetValue(metric.Key, out var v) ? v
            : throw new KeyNotFoundException($"arm '{Arm}' has no metric '{metric.Key}' (it has {string.Join(", ", MetricValues.Keys)}).");
    }

    /// <summary>The run's recording of <paramref name="series"/> (empty when it recorded none).</summary>
    public IReadOnlyList<double> Values(Series series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return SeriesValues is not null && SeriesValues.TryGetValue(series.Key, out var v) ? v : Array.Empty<double>();
    }
}
