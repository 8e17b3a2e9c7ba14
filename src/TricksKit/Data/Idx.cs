using System.Globalization;
using System.IO.Compression;
using static TorchSharp.torch;

namespace TricksKit.Data;

/// <summary>An IDX array (LeCun's MNIST format): unsigned bytes with their dimensions.</summary>
public sealed record IdxArray(IReadOnlyList<int> Dimensions, byte[] Data);

/// <summary>Reads IDX files (gzipped or not), validating the header against the data.</summary>
public static class Idx
{
    /// <summary>Reads <paramref name="path"/>; a name ending in .gz is decompressed.</summary>
    public static IdxArray Read(string path)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("path must name an IDX file.", nameof(path));
        return Parse(ReadAllBytes(path), path);
    }

    /// <summary>The file's bytes, decompressed when the name ends in .gz; a damaged gzip is an <see cref="InvalidDataException"/> naming the file.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        using var file = File.OpenRead(path);
        using Stream input = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var memory = new MemoryStream();
        try
        {
            input.CopyTo(memory);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: not a valid gzip file ({e.Message}).", e);
        }
        return memory.ToArray();
    }

    /// <summary>
    /// Whether <paramref name="path"/> (decompressed when the name ends in .gz) starts with an unsigned-byte IDX magic,
    /// 0x00 0x00 0x08; false for a shorter file or a damaged gzip.
    /// </summary>
    public static bool IsIdx(string path)
    {
        using var file = File.OpenRead(path);
        using Stream input = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        var head = new byte[3];
        try
        {
            return input.ReadAtLeast(head, 3, throwOnEndOfStream: false) == 3 && head[0] == 0 && head[1] == 0 && head[2] == 0x08;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Parses IDX bytes: magic 0x00 0x00 0x08 (unsigned byte) then the rank, big-endian int32 dimensions, then the data.</summary>
    public static IdxArray Parse(byte[] bytes, string source = "IDX data")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new InvalidDataException($"{source}: not an IDX file (the first two bytes must be 0).");
        if (bytes[2] != 0x08)
            throw new InvalidDataException($"{source}: IDX element type 0x{bytes[2]:x2} is not supported (only 0x08, unsigned byte).");
        int rank = bytes[3];
        if (rank < 1 || rank > 4) throw new InvalidDataException($"{source}: IDX rank {rank} is outside 1..4.");
        int header = 4 + 4 * rank;
        if (bytes.Length < header) throw new InvalidDataException($"{source}: truncated IDX header.");
        var dims = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++)
        {
            int o = 4 + 4 * i;
            dims[i] = (bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3];
            if (dims[i] < 0) throw new InvalidDataException($"{source}: negative IDX dimension {dims[i]}.");
            size *= dims[i];
        }
        if (bytes.Length - header != size)
            throw new InvalidDataException($"{source}: header says {string.Join("x", dims)} = {size} bytes of data, file holds {bytes.Length - header}.");
        return new IdxArray(dims, bytes.AsSpan(header).ToArray());
    }

    /// <summary>
    /// A pair of IDX files as a labelled data set, as MNIST and Fashion-MNIST ship: <paramref name="images"/> (N, H, W)
    /// or (N, D) unsigned bytes, scaled to [0, 1] as features (N, 1, H, W) or (N, D) float32; <paramref name="labels"/> (N)
    /// class indices, the classes 0 .. max (named by their index).
    /// </summary>
    /// <exception cref="InvalidDataException">naming the files: the counts differ, the images are not of rank 2 or 3, the labels not of rank 1, or a single class.</exception>
    public static LabeledData ReadLabeled(string images, string labels)
    {
        foreach (var (p, name) in new[] { (images, nameof(images)), (labels, nameof(labels)) })
        {
            if (string.IsNullOrWhiteSpace(p)) throw new ArgumentException($"{name} must name an IDX file.", name);
            if (!File.Exists(p)) throw new FileNotFoundException($"{Path.GetFullPath(p)} not found.", p);
        }
        var x = Read(images);
        var y = Read(labels);
        if (x.Dimensions.Count is not (2 or 3)) throw new InvalidDataException($"{images}: images must be of rank 3 (N, H, W) or 2 (N, D), got {string.Join("x", x.Dimensions)}.");
        if (y.Dimensions.Count != 1) throw new InvalidDataException($"{labels}: labels must be of rank 1 (N), got {string.Join("x", y.Dimensions)}.");
        if (x.Dimensions[0] != y.Dimensions[0]) throw new InvalidDataException($"{images} holds {x.Dimensions[0]} images and {labels} {y.Dimensions[0]} labels.");
        int classes = y.Data.Length == 0 ? 0 : y.Data.Max() + 1;
        if (y.Data.Distinct().Count() < 2) throw new InvalidDataException($"{labels}: a single class{(y.Data.Length > 0 ? $" ({y.Data[0]})" : "")}: a classifier needs at least 2.");
        Kit.Init();
        using var scope = NewDisposeScope();
        var shape = x.Dimensions.Count == 3 ? new long[] { x.Dimensions[0], 1, x.Dimensions[1], x.Dimensions[2] } : new long[] { x.Dimensions[0], x.Dimensions[1] };
        var features = Safe.Div(tensor(x.Data, ScalarType.Byte).reshape(shape).to_type(ScalarType.Float32), 255);
        var targets = tensor(y.Data.Select(b => (long)b).ToArray());
        return new LabeledData(features.DetachFromDisposeScope(), targets.DetachFromDisposeScope(),
            Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(), Path.GetFileName(images));
    }
}
