namespace TricksKit.Experiments;

/// <summary>
/// A quantity an experiment measures once per run: its <see cref="Key"/> in <see cref="RunRecord.MetricValues"/> and the
/// results JSON, a label with its unit for tables and charts, and which direction is better. Designs declare their
/// metrics once, as static fields, and use them everywhere (no metric name is typed twice).
/// </summary>
public sealed record Metric(string Key, string Label, bool HigherIsBetter = true)
{
    /// <summary>The key.</summary>
    public override string ToString() => Key;

    /// <summary>Better by how much: <c>a - b</c> when higher is better, <c>b - a</c> when lower is.</summary>
    public double Gain(double a, double b) => HigherIsBetter ? a - b : b - a;
}
