namespace TricksKit.Data;

/// <summary>Mini-batch index lists. The same seed and epoch always give the same order.</summary>
public static class Batches
{
    /// <summary>The number of batches of <paramref name="batchSize"/> covering <paramref name="count"/> samples (last one partial).</summary>
    public static int Count(int count, int batchSize) => (count + batchSize - 1) / batchSize;

    /// <summary>A seeded shuffle of 0..count-1 cut into batches (the last may be smaller).</summary>
    public static IReadOnlyList<long[]> Shuffled(int count, int batchSize, int seed, int epoch = 0)
    {
        Validate(count, batchSize);
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "epoch must be >= 0.");
        var order = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        new Random(unchecked(seed * 7919 + epoch * 104729 + 17)).Shuffle(order);
        return Cut(order, batchSize);
    }

    /// <summary>0..count-1 in order, cut into batches.</summary>
    public static IReadOnlyList<long[]> Sequential(int count, int batchSize)
    {
        Validate(count, batchSize);
        return Cut(Enumerable.Range(0, count).Select(i => (long)i).ToArray(), batchSize);
    }

    private static void Validate(int count, int batchSize)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be >= 1 (no data to batch), got {count}.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be >= 1, got {batchSize}.");
    }

    private static IReadOnlyList<long[]> Cut(long[] order, int batchSize) =>
        order.Chunk(batchSize).ToArray();
}
