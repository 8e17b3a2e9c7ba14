using System.IO.Compression;

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
}
