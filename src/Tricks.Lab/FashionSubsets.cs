using TricksKit.Data;

namespace Tricks.Lab;

/// <summary>The Fashion-MNIST subsets the experiments use, cached per process (shared: do not dispose).</summary>
public static class FashionSubsets
{
    private static readonly Dictionary<(bool, int, int, string), LabeledData> Cache = new();

    /// <summary>The first <paramref name="count"/> images of the split, from the first folder of <paramref name="searchPath"/> holding them.</summary>
    public static LabeledData Get(bool train, int count, IReadOnlyList<string> searchPath) => Get(train, 0, count, searchPath);

    /// <summary>The <paramref name="count"/> images of the split from index <paramref name="from"/> on (e.g. a validation split after the training images).</summary>
    public static LabeledData Get(bool train, int from, int count, IReadOnlyList<string> searchPath)
    {
        if (from < 0) throw new ArgumentOutOfRangeException(nameof(from), from, "from must be >= 0.");
        ArgumentNullException.ThrowIfNull(searchPath);
        var key = (train, from, count, string.Join(Path.PathSeparator, searchPath));
        lock (Cache)
        {
            if (Cache.TryGetValue(key, out var data)) return data;
            if (from == 0) data = FashionMnist.Load(train, count, searchPath);
            else
            {
                var head = Get(train, 0, from + count, searchPath);
                data = head.Select(Enumerable.Range(from, count).Select(i => (long)i).ToArray(), $"{head.Name}[{from}:{from + count}]");
            }
            return Cache[key] = data;
        }
    }
}
