using System.Security.Cryptography;
using static TorchSharp.torch;

namespace TricksKit.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017; Zalando, MIT licence): 28x28 grey images of 10 clothing classes.
/// Read from the first folder of a search path that holds the files (default <see cref="DefaultSearchPath"/>, Debian's
/// <c>dataset-fashion-mnist</c>; <see cref="SearchPath"/> builds the one the edges use), verified by the SHA-256 of the
/// uncompressed bytes.
/// </summary>
public static class FashionMnist
{
    /// <summary>The ten class names, in label order.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        new[] { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" };

    private static readonly Dictionary<string, string> Sha256 = new()
    {
        ["train-images-idx3-ubyte"] = "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
        ["train-labels-idx1-ubyte"] = "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
        ["t10k-images-idx3-ubyte"] = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
        ["t10k-labels-idx1-ubyte"] = "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    };

    /// <summary>Where Debian's and Ubuntu's <c>dataset-fashion-mnist</c> puts the files, the search path when none is given.</summary>
    public static readonly IReadOnlyList<string> DefaultSearchPath = new[] { "/usr/share/datasets/fashion-mnist" };

    /// <summary>
    /// A search path: with <paramref name="dataDirectory"/> (e.g. from <c>TRICKS_DATA</c>), only
    /// <paramref name="dataDirectory"/>/fashion-mnist and <paramref name="dataDirectory"/> (an explicit folder is
    /// honoured, never passed over for another copy); else <paramref name="repositoryRoot"/>/datasets/fashion-mnist, then
    /// <see cref="DefaultSearchPath"/>.
    /// </summary>
    public static IReadOnlyList<string> SearchPath(string? dataDirectory = null, string? repositoryRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(dataDirectory)) return new[] { Path.Combine(dataDirectory, "fashion-mnist"), dataDirectory };
        var dirs = new List<string>();
        if (!string.IsNullOrWhiteSpace(repositoryRoot)) dirs.Add(Path.Combine(repositoryRoot, "datasets", "fashion-mnist"));
        dirs.AddRange(DefaultSearchPath);
        return dirs;
    }

    /// <summary>
    /// Loads the training (60k) or test (10k) split, the first <paramref name="limit"/> images if given, as
    /// features (N, 1, 28, 28) float32 in [0, 1] and labels (N) int64, from the first folder of
    /// <paramref name="searchPath"/> (default <see cref="DefaultSearchPath"/>) that holds the files.
    /// </summary>
    /// <exception cref="FileNotFoundException">No folder holds them; the message names every path tried and the fix.</exception>
    public static LabeledData Load(bool train = true, int? limit = null, IReadOnlyList<string>? searchPath = null)
    {
        if (limit is < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be >= 1.");
        Kit.Init();
        var prefix = train ? "train" : "t10k";
        var dirs = searchPath ?? DefaultSearchPath;
        var images = ReadVerified($"{prefix}-images-idx3-ubyte", dirs);
        var labels = ReadVerified($"{prefix}-labels-idx1-ubyte", dirs);
        int n = Math.Min(limit ?? images.Dimensions[0], images.Dimensions[0]);
        if (images.Dimensions.Count != 3 || labels.Dimensions.Count != 1 || labels.Dimensions[0] != images.Dimensions[0])
            throw new InvalidDataException("Fashion-MNIST image and label files do not match.");
        int pixels = images.Dimensions[1] * images.Dimensions[2];
        var x = tensor(images.Data.AsSpan(0, n * pixels).ToArray(), ScalarType.Byte)
            .reshape(n, 1, images.Dimensions[1], images.Dimensions[2]);
        var features = x.to_type(ScalarType.Float32).div_(255f);
        x.Dispose();
        var y = tensor(labels.Data.AsSpan(0, n).ToArray().Select(b => (long)b).ToArray());
        return new LabeledData(features, y, ClassNames, $"fashion-mnist/{(train ? "train" : "test")}");
    }

    private static readonly Dictionary<string, IdxArray> Cache = new();

    private static IdxArray ReadVerified(string name, IReadOnlyList<string> searchPath)
    {
        lock (Cache)
        {
            var key = name + "|" + string.Join(Path.PathSeparator, searchPath);
            if (Cache.TryGetValue(key, out var cached)) return cached;
            // The first folder that holds any of the four files must hold all four: a set is never mixed from two copies.
            static string? Find(string dir, string file) =>
                new[] { Path.Combine(dir, file + ".gz"), Path.Combine(dir, file) }.FirstOrDefault(File.Exists);
            var folder = searchPath.FirstOrDefault(d => Sha256.Keys.Any(f => Find(d, f) is not null));
            if (folder is null)
                throw new FileNotFoundException(
                    $"Fashion-MNIST file {name}(.gz) not found. Tried: {string.Join(", ", searchPath.SelectMany(d => new[] { Path.Combine(d, name + ".gz"), Path.Combine(d, name) }))}. Fix: run ./build.sh setup " +
                    "(installs Debian's dataset-fashion-mnist), or put the four files in datasets/fashion-mnist/ (or a folder named by TRICKS_DATA) and pass ExperimentSettings.DataPath as the search path.");
            var missing = Sha256.Keys.Where(f => Find(folder, f) is null).ToArray();
            if (missing.Length > 0)
                throw new FileNotFoundException($"{folder} holds Fashion-MNIST files but lacks {string.Join(", ", missing.Select(m => m + "(.gz)"))}: put all four there (a set is never mixed from two folders).");
            var path = Find(folder, name)!;
            var bytes = Idx.ReadAllBytes(path);
            var sum = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (sum != Sha256[name])
                throw new InvalidDataException($"{path}: SHA-256 of the uncompressed bytes is {sum}, expected {Sha256[name]}: the file is damaged or not Fashion-MNIST.");
            return Cache[key] = Idx.Parse(bytes, path);
        }
    }
}
