using System.IO.Compression;

namespace TricksKit.Formatters;

/// <summary>A minimal PNG encoder for 8-bit greyscale images (for inline image grids without an imaging library).</summary>
public static class Png
{
    private static readonly uint[] Crc = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>Encodes <paramref name="pixels"/> (row-major, <paramref name="width"/> x <paramref name="height"/>) as PNG.</summary>
    public static byte[] Greyscale(byte[] pixels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width < 1 || height < 1 || pixels.Length != width * height)
            throw new ArgumentException($"pixels must hold width x height = {width}x{height} bytes, got {pixels.Length}.", nameof(pixels));
        using var png = new MemoryStream();
        png.Write(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 });
        var header = new byte[13];
        BigEndian(header, 0, (uint)width); BigEndian(header, 4, (uint)height);
        header[8] = 8; header[9] = 0; // 8-bit greyscale
        Chunk(png, "IHDR", header);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
                for (int y = 0; y < height; y++) { z.WriteByte(0); z.Write(pixels, y * width, width); }
            Chunk(png, "IDAT", raw.ToArray());
        }
        Chunk(png, "IEND", Array.Empty<byte>());
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4]; BigEndian(len, 0, (uint)data.Length); s.Write(len);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        uint c = 0xFFFFFFFFu;
        foreach (var b in typed) c = Crc[(c ^ b) & 0xFF] ^ (c >> 8);
        var crc = new byte[4]; BigEndian(crc, 0, c ^ 0xFFFFFFFFu); s.Write(crc);
    }

    private static void BigEndian(byte[] b, int o, uint v) { b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v; }
}
