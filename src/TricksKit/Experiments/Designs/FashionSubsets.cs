using TricksKit.Data;

namespace TricksKit;

/// <summary>The Fashion-MNIST subsets the experiments use: the first <c>n</c> training images and the first <c>m</c> test images, cached per process.</summary>
public static class FashionSubsets
{
    private static readonly Dictionary<(bool, int), LabeledData> Cache = new();

    /// <summary>The first <paramref name="count"/> images of the split (shared: do not dispose).</summary>
    public static LabeledData Get(bool train, int count)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue((train, count), out var data)) Cache[(train, count)] = data = FashionMnist.Load(train, count);
            return data;
        }
    }
}
