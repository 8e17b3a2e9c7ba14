using TorchSharp;
using TricksKit.Data;

namespace Tricks.Lab;

/// <summary>
/// The Fashion-MNIST samples the experiments use, cached per process (shared: do not dispose). Each run's training
/// images are its own draw: <see cref="Train"/> takes <c>count</c> of the 60,000 training images by a shuffle seeded
/// with the run's data seed, and <see cref="Validation"/> the next images of the same shuffle (disjoint from them), so
/// the variation of the data sample enters every interval. The test images are fixed: the first of the test split.
/// </summary>
public static class FashionSubsets
{
    private static readonly Dictionary<(bool, int, int, int, string), LabeledData> Cache = new();

    /// <summary>The first <paramref name="count"/> images of the test split (with <paramref name="train"/>: of the training split).</summary>
    public static LabeledData Get(bool train, int count, IReadOnlyList<string> searchPath) => Cached((train, -1, 0, count, Key(searchPath)),
        () => FashionMnist.Load(train, count, searchPath));

    /// <summary>The first <paramref name="count"/> test images: the same for every seed.</summary>
    public static LabeledData Test(int count, IReadOnlyList<string> searchPath) => Get(false, count, searchPath);

    /// <summary><paramref name="count"/> training images drawn for data seed <paramref name="seed"/> (in index order).</summary>
    public static LabeledData Train(int seed, int count, IReadOnlyList<string> searchPath) => Drawn(seed, 0, count, searchPath);

    /// <summary>
    /// <paramref name="count"/> further training images for data seed <paramref name="seed"/>, disjoint from its
    /// <see cref="Train"/> draw of <paramref name="trainCount"/>: a validation split taken from the training data.
    /// </summary>
    public static LabeledData Validation(int seed, int trainCount, int count, IReadOnlyList<string> searchPath) => Drawn(seed, trainCount, count, searchPath);

    private static LabeledData Drawn(int seed, int from, int count, IReadOnlyList<string> searchPath)
    {
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "seed must be >= 0.");
        if (from < 0) throw new ArgumentOutOfRangeException(nameof(from), from, "from must be >= 0.");
        ArgumentNullException.ThrowIfNull(searchPath);
        return Cached((true, seed, from, count, Key(searchPath)), () =>
        {
            var all = Cached((true, -1, 0, 0, Key(searchPath)), () => FashionMnist.Load(true, null, searchPath));
            if (count < 1 || from + count > all.Count)
                throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be in [1, {all.Count - from}] (the training split holds {all.Count} images), got {count}.");
            var order = Enumerable.Range(0, all.Count).Select(i => (long)i).ToArray();
            new Random(unchecked(seed * 15485863 + 7)).Shuffle(order);
            var chosen = order.Skip(from).Take(count).Order().ToArray();
            return all.Select(chosen, $"fashion-mnist train, seed {seed} draw [{from}:{from + count}]");
        });
    }

    private static string Key(IReadOnlyList<string> searchPath) => string.Join(Path.PathSeparator, searchPath ?? throw new ArgumentNullException(nameof(searchPath)));

    private static LabeledData Cached((bool, int, int, int, string) key, Func<LabeledData> load)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(key, out var data)) return data;
            data = load();
            // Shared for the life of the process: out of any dispose scope the first caller happens to be in.
            data.Features.DetachFromDisposeScope();
            data.Labels.DetachFromDisposeScope();
            return Cache[key] = data;
        }
    }
}
