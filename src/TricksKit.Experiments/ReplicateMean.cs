namespace TricksKit.Experiments;

/// <summary>The one run <see cref="Arm.Replicated"/> reports for a seed: the mean of its replicates' records.</summary>
internal static class ReplicateMean
{
    /// <summary>
    /// Each metric's mean; each series' mean step by step, except those in <paramref name="firstOnly"/> (by key), which are
    /// replicate 0's; the histories' mean step by step and epoch by epoch (null when a replicate diverged and kept no
    /// history). The replicates must report the same metrics, series and history shapes: they are one arm's runs.
    /// </summary>
    public static RunRecord Of(string arm, int seed, IReadOnlyList<RunRecord> records, IReadOnlySet<string>? firstOnly = null)
    {
        if (records.Count == 0) throw new ArgumentException("records must hold at least one replicate.", nameof(records));
        var first = records[0];
        foreach (var r in records.Skip(1))
            if (!r.MetricValues.Keys.ToHashSet().SetEquals(first.MetricValues.Keys))
                throw new InvalidOperationException($"arm '{arm}', seed {seed}: its replicates report different metrics ({string.Join(", ", first.MetricValues.Keys)} against {string.Join(", ", r.MetricValues.Keys)}).");
        var metrics = first.MetricValues.Keys.ToDictionary(k => k, k => records.Average(r => r.MetricValues[k]));
        Dictionary<string, IReadOnlyList<double>>? series = null;
        if (first.SeriesValues is { } s0)
            series = s0.Keys.ToDictionary(k => k, k => firstOnly?.Contains(k) == true ? s0[k] : Mean(records.Select(r => r.SeriesValues?.GetValueOrDefault(k)
                ?? throw new InvalidOperationException($"arm '{arm}', seed {seed}: a replicate did not record series '{k}'.")).ToArray(), $"arm '{arm}', seed {seed}, series '{k}'"));
        return new RunRecord(arm, seed, metrics, History(arm, seed, records), records.Sum(r => r.Seconds), series);
    }

    private static TrainingHistory? History(string arm, int seed, IReadOnlyList<RunRecord> records)
    {
        if (records.Any(r => r.History is null)) return null;
        var h = records.Select(r => r.History!).ToArray();
        var what = $"arm '{arm}', seed {seed}, history";
        if (h.Any(x => x.Epochs.Count != h[0].Epochs.Count))
            throw new InvalidOperationException($"{what}: the replicates recorded different numbers of epochs.");
        var epochs = Enumerable.Range(0, h[0].Epochs.Count).Select(e => new EpochRecord(h[0].Epochs[e].Epoch, h[0].Epochs[e].Step,
            h.Average(x => x.Epochs[e].TrainLoss), h.Average(x => x.Epochs[e].TrainAccuracy),
            h.Average(x => x.Epochs[e].TestLoss), h.Average(x => x.Epochs[e].TestAccuracy))).ToArray();
        return new TrainingHistory($"{arm}, seed {seed}, mean of {h.Length} replicates",
            Mean(h.Select(x => x.StepLoss).ToArray(), $"{what} (step loss)"), Mean(h.Select(x => x.StepLr).ToArray(), $"{what} (step rate)"),
            epochs, h.Sum(x => x.Seconds));
    }

    private static double[] Mean(IReadOnlyList<IReadOnlyList<double>> values, string what)
    {
        if (values.Any(v => v.Count != values[0].Count))
            throw new InvalidOperationException($"{what}: the replicates recorded different lengths ({string.Join(", ", values.Select(v => v.Count))}).");
        return Enumerable.Range(0, values[0].Count).Select(i => values.Average(v => v[i])).ToArray();
    }
}
