using System.Globalization;
using System.IO.Compression;
using static TorchSharp.torch;

namespace TricksKit.Data;

/// <summary>
/// A user's table as a labelled data set: a CSV file (gzipped when its name ends in .gz) of numeric feature columns and
/// one label column. The first line is a header of column names when any of its fields is not a number; scikit-learn's
/// header (<c>n_samples,n_features,class names...</c>, as in <c>datasets/breast_cancer.csv</c>) is read as such, with
/// the label the last column and the class names from it. Without a header the columns are named by their 0-based index.
/// </summary>
public static class TabularCsv
{
    /// <summary>
    /// Reads <paramref name="path"/>: features (N, D) float32 as they are in the file (not standardised), labels (N)
    /// int64, the classes the label column's distinct values in order (numeric order when all are numbers).
    /// </summary>
    /// <param name="path">the CSV file.</param>
    /// <param name="label">the label column: a header name, or a 0-based column index (negative counts from the end: -1 is the last column).</param>
    /// <exception cref="InvalidDataException">naming the file: no label column of that name, a row with another number of
    /// fields, a non-numeric feature (with its line and column), fewer than 2 classes, or no rows.</exception>
    public static LabeledData Read(string path, string label)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("path must name a CSV file.", nameof(path));
        if (string.IsNullOrWhiteSpace(label)) throw new ArgumentException("label must name the label column (a header name or a 0-based index, -1 for the last).", nameof(label));
        if (!File.Exists(path)) throw new FileNotFoundException($"{Path.GetFullPath(path)} not found.", path);
        var lines = ReadLines(path).ToList();
        if (lines.Count == 0) throw new InvalidDataException($"{path}: the file holds no rows.");
        var first = lines[0].Fields;
        bool header = first.Any(f => !IsNumber(f));
        string[] names;
        IReadOnlyList<string>? sklearnClasses = null;
        int start = header ? 1 : 0;
        if (lines.Count <= start) throw new InvalidDataException($"{path}: the file holds a header and no rows.");
        int width = lines[start].Fields.Length;
        if (header && first.Length != width && first.Length >= 2 && int.TryParse(first[0], out _) && int.TryParse(first[1], out int d) && d + 1 == width)
        {
            // scikit-learn's header: n_samples, n_features, then the class names; the label is the last column.
            names = Enumerable.Range(0, d).Select(i => i.ToString(CultureInfo.InvariantCulture)).Append("target").ToArray();
            sklearnClasses = first.Skip(2).ToArray();
        }
        else names = header ? first : Enumerable.Range(0, width).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (names.Length != width)
            throw new InvalidDataException($"{path}: the header has {names.Length} columns and line {lines[start].Line} has {width}.");
        int target = LabelColumn(path, names, label, sklearnClasses is not null);
        var features = new List<float>();
        var labels = new List<string>();
        foreach (var (fields, line) in lines.Skip(start))
        {
            if (fields.Length != width) throw new InvalidDataException($"{path}: line {line} has {fields.Length} fields, expected {width} (as line {lines[start].Line}).");
            for (int c = 0; c < width; c++)
            {
                if (c == target) { labels.Add(fields[c].Trim()); continue; }
                if (!double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw new InvalidDataException($"{path}: line {line}, column '{names[c]}': '{fields[c]}' is not a finite number (every column but the label '{names[target]}' must be numeric).");
                features.Add((float)v);
            }
        }
        if (labels.Any(string.IsNullOrEmpty)) throw new InvalidDataException($"{path}: line {lines[start + labels.FindIndex(string.IsNullOrEmpty)].Line}: the label '{names[target]}' is empty.");
        var distinct = labels.Distinct().ToArray();
        var ordered = distinct.All(IsNumber)
            ? distinct.OrderBy(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray()
            : distinct.Order(StringComparer.Ordinal).ToArray();
        if (ordered.Length < 2)
            throw new InvalidDataException($"{path}: the label '{names[target]}' has a single class ('{ordered[0]}'): a classifier needs at least 2.");
        var index = ordered.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => (long)p.i);
        var classNames = sklearnClasses is { } k && k.Count == ordered.Length && ordered.All(v => int.TryParse(v, out int i) && i >= 0 && i < k.Count)
            ? ordered.Select(v => k[int.Parse(v, CultureInfo.InvariantCulture)]).ToArray()
            : ordered;
        Kit.Init();
        int n = labels.Count;
        var x = tensor(features.ToArray()).reshape(n, width - 1);
        var y = tensor(labels.Select(v => index[v]).ToArray());
        return new LabeledData(x, y, classNames, Path.GetFileName(path));
    }

    private static int LabelColumn(string path, string[] names, string label, bool sklearn)
    {
        int byName = Array.IndexOf(names, label);
        if (byName >= 0) return byName;
        if (int.TryParse(label, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) && i >= -names.Length && i < names.Length)
            return i < 0 ? names.Length + i : i;
        var shown = names.Length <= 12 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(10))}, ... ({names.Length} columns)";
        throw new InvalidDataException(
            $"{path}: no label column '{label}'. The columns are: {shown}{(sklearn ? " (a scikit-learn header: the label is 'target', the last)" : "")}; or give a 0-based index in [{-names.Length}, {names.Length - 1}].");
    }

    private static bool IsNumber(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static IEnumerable<(string[] Fields, int Line)> ReadLines(string path)
    {
        using var file = File.OpenRead(path);
        using Stream s = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(s);
        string? text;
        int line = 0;
        while (true)
        {
            try { text = reader.ReadLine(); }
            catch (InvalidDataException e) { throw new InvalidDataException($"{path}: not a valid gzip file ({e.Message}).", e); }
            if (text is null) yield break;
            line++;
            if (text.Trim().Length == 0) continue;
            yield return (text.Split(',').Select(f => f.Trim().Trim('"')).ToArray(), line);
        }
    }
}
