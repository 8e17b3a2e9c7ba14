using System.Globalization;
using System.IO.Compression;
using static TorchSharp.torch;

namespace TricksKit.Data;

/// <summary>The small data sets shipped in <c>datasets/</c> (see its README for provenance and licence).</summary>
public static class CsvData
{
    /// <summary>
    /// The 8x8 handwritten digits (UCI, as in scikit-learn): 1,797 samples, features (N, 64) scaled to [0, 1], labels 0..9.
    /// </summary>
    /// <param name="path">the file: <c>datasets/digits.csv.gz</c> in the repository.</param>
    public static LabeledData Digits(string path)
    {
        var file = Located(path, nameof(path));
        var rows = ReadRows(file).ToList();
        if (rows.Count == 0) throw new InvalidDataException($"{file}: no rows.");
        foreach (var (r, i) in rows.Select((r, i) => (r, i)))
            if (r.Length != 65) throw new InvalidDataException($"{file}: row {i + 1} has {r.Length} columns, expected 65 (64 pixels and the label).");
        Kit.Init();
        var x = tensor(rows.SelectMany(r => r.Take(64).Select(v => (float)(v / 16.0))).ToArray()).reshape(rows.Count, 64);
        var y = tensor(rows.Select(r => (long)r[64]).ToArray());
        return new LabeledData(x, y, Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(), "digits");
    }

    /// <summary>
    /// Wisconsin diagnostic breast cancer (UCI, as in scikit-learn): 569 samples, 30 features standardised to mean 0
    /// and standard deviation 1, labels 0 malignant / 1 benign.
    /// </summary>
    /// <param name="path">the file: <c>datasets/breast_cancer.csv</c> in the repository.</param>
    public static LabeledData BreastCancer(string path)
    {
        var file = Located(path, nameof(path));
        var rows = ReadRows(file).Skip(1).ToList(); // header: 569,30,malignant,benign
        foreach (var (r, i) in rows.Select((r, i) => (r, i)))
            if (r.Length != 31) throw new InvalidDataException($"{file}: row {i + 2} has {r.Length} columns, expected 31.");
        Kit.Init();
        using var raw = tensor(rows.SelectMany(r => r.Take(30)).ToArray()).reshape(rows.Count, 30);
        var x = ((raw - raw.mean(new long[] { 0 }, keepdim: true)) / raw.std(0, keepdim: true)).to_type(ScalarType.Float32);
        var y = tensor(rows.Select(r => (long)r[30]).ToArray());
        return new LabeledData(x, y, new[] { "malignant", "benign" }, "breast-cancer");
    }

    private static string Located(string path, string name)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{name} must name the file.", name);
        return File.Exists(path) ? path : throw new FileNotFoundException(
            $"{Path.GetFullPath(path)} not found. It ships in the repository's datasets/ folder.", path);
    }

    private static IEnumerable<double[]> ReadRows(string path)
    {
        using var file = File.OpenRead(path);
        using Stream s = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(s);
        string? line;
        int n = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            n++;
            if (line.Length == 0) continue;
            var parts = line.Split(',');
            var row = new double[parts.Length];
            for (int i = 0; i < parts.Length; i++)
                if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]))
                    row[i] = double.NaN;
            yield return row;
        }
    }
}
