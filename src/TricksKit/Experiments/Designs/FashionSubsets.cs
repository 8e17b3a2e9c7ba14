using TricksKit.Data;

namespace TricksKit;

/// <summary>The Fashion-MNIST subsets the experiments use, cached per process (shared: do not dispose).</summary>
public static class FashionSubsets
{
    private static readonly Dictionary<(bool, int, int), LabeledData> Cache = new();

    /// <summary>The first <paramref name="count"/> images of the split.</summary>
    public static LabeledData Get(bool train, int count) => Get(train, 0, count);

    /// <summary>The <paramref name="count"/> images of the split from index <paramref name="from"/> on (e.g. a validation split after the training images).</summary>
    public static LabeledData Get(bool train, int from, int count)
    {
        if (from < 0) throw new ArgumentOutOfRangeException(nameof(from), from, "from must be >= 0.");
        lock (Cache)
        {
            if (Cache.TryGetValue((train, from, count), out var data)) return data;
            if (from == 0) data = FashionMnist.Load(train, count);
            else
            {
                var head = Get(train, 0, from + count);
                data = head.Select(Enumerable.Range(from, count).Select(i => (long)i).ToArray(), $"{head.Name}[{from}:{from + count}]");
            }
            return Cache[(train, from, count)] = data;
        }
    }
}
