namespace TricksKit.Data;

/// <summary>Seeded ways to cut a data set: stratified subsets, class imbalance by subsampling, label noise.</summary>
public static class Subsets
{
    /// <summary>
    /// <paramref name="count"/> samples keeping the class proportions (each class rounded, the rest filled from the
    /// largest remainders), drawn with <paramref name="seed"/>; sorted by original index.
    /// </summary>
    public static LabeledData Stratified(LabeledData data, int count, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (count < 1 || count > data.Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be in [1, {data.Count}], got {count}.");
        var byClass = ByClass(data);
        var quotas = byClass.ToDictionary(kv => kv.Key, kv => (double)kv.Value.Count * count / data.Count);
        var take = quotas.ToDictionary(kv => kv.Key, kv => (int)Math.Floor(kv.Value));
        foreach (var c in quotas.OrderByDescending(kv => kv.Value - Math.Floor(kv.Value)).ThenBy(kv => kv.Key).Select(kv => kv.Key))
        {
            if (take.Values.Sum() >= count) break;
            take[c]++;
        }
        var rng = new Random(seed);
        var chosen = byClass.SelectMany(kv => Shuffled(kv.Value, rng).Take(take[kv.Key])).OrderBy(i => i).ToArray();
        return data.Select(chosen, $"{data.Name}[stratified {count}]");
    }

    /// <summary>
    /// A stratified split: from each class, round(<paramref name="heldShare"/> x its count) samples (at least one, at most
    /// all but one) drawn with <paramref name="seed"/> go to <c>Held</c>, the rest to <c>Kept</c>; both sorted by original
    /// index. A held-out test set, or a seed's validation split of the training data.
    /// </summary>
    /// <param name="data">the data; every class with a sample must have at least 2.</param>
    /// <param name="heldShare">the share held out, in (0, 1).</param>
    /// <param name="seed">the draw.</param>
    public static (LabeledData Kept, LabeledData Held) Split(LabeledData data, double heldShare, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(heldShare > 0 && heldShare < 1)) throw new ArgumentOutOfRangeException(nameof(heldShare), heldShare, "heldShare must be in (0, 1).");
        var byClass = ByClass(data);
        if (byClass.FirstOrDefault(kv => kv.Value.Count < 2) is { Value: not null } small)
            throw new ArgumentException($"class {small.Key} ('{data.ClassNames[(int)small.Key]}') has {small.Value.Count} sample(s): a split needs at least 2 per class.", nameof(data));
        var rng = new Random(seed);
        var held = new List<long>();
        foreach (var (c, indices) in byClass)
        {
            int take = Math.Clamp((int)Math.Round(heldShare * indices.Count, MidpointRounding.AwayFromZero), 1, indices.Count - 1);
            held.AddRange(Shuffled(indices, rng).Take(take));
        }
        var heldSet = held.ToHashSet();
        var kept = Enumerable.Range(0, data.Count).Select(i => (long)i).Where(i => !heldSet.Contains(i)).ToArray();
        return (data.Select(kept, $"{data.Name}[kept]"), data.Select(held.Order().ToArray(), $"{data.Name}[held {heldShare:0.##}]"));
    }

    /// <summary>
    /// Keeps every sample of the other classes and only a <paramref name="keep"/> share (in (0, 1]) of class
    /// <paramref name="minorityClass"/>, drawn with <paramref name="seed"/>: a class imbalance by subsampling.
    /// </summary>
    public static LabeledData Imbalanced(LabeledData data, int minorityClass, double keep, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (minorityClass < 0 || minorityClass >= data.Classes)
            throw new ArgumentOutOfRangeException(nameof(minorityClass), minorityClass, $"minorityClass must be in [0, {data.Classes - 1}].");
        if (!(keep > 0 && keep <= 1)) throw new ArgumentOutOfRangeException(nameof(keep), keep, $"keep must be in (0, 1], got {keep}.");
        var byClass = ByClass(data);
        var rng = new Random(seed);
        var minority = byClass.TryGetValue(minorityClass, out var m) ? m : new List<long>();
        int kept = Math.Max(1, (int)Math.Round(minority.Count * keep));
        var chosen = byClass.Where(kv => kv.Key != minorityClass).SelectMany(kv => kv.Value)
            .Concat(Shuffled(minority, rng).Take(kept)).OrderBy(i => i).ToArray();
        return data.Select(chosen, $"{data.Name}[class {minorityClass} kept {keep:P0}]");
    }

    /// <summary>
    /// A copy whose labels are replaced, for a <paramref name="rate"/> share of samples (in [0, 1]) chosen with
    /// <paramref name="seed"/>, by a different class drawn uniformly: symmetric label noise.
    /// </summary>
    public static LabeledData WithLabelNoise(LabeledData data, double rate, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(rate >= 0 && rate <= 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"rate must be in [0, 1], got {rate}.");
        if (data.Classes < 2) throw new ArgumentException("label noise needs at least 2 classes.", nameof(data));
        var labels = Metrics.Longs(data.Labels);
        var rng = new Random(seed);
        int flips = (int)Math.Round(labels.Length * rate);
        foreach (var i in Shuffled(Enumerable.Range(0, labels.Length).Select(i => (long)i).ToList(), rng).Take(flips))
        {
            long other = rng.Next(data.Classes - 1);
            labels[i] = other >= labels[i] ? other + 1 : other;
        }
        return new LabeledData(data.Features.clone(), TorchSharp.torch.tensor(labels), data.ClassNames, $"{data.Name}[noise {rate:P0}]");
    }

    private static Dictionary<long, List<long>> ByClass(LabeledData data)
    {
        var labels = Metrics.Longs(data.Labels);
        var result = new Dictionary<long, List<long>>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (!result.TryGetValue(labels[i], out var list)) result[labels[i]] = list = new List<long>();
            list.Add(i);
        }
        return result;
    }

    private static IEnumerable<long> Shuffled(List<long> items, Random rng)
    {
        var copy = items.ToArray();
        rng.Shuffle(copy);
        return copy;
    }
}
