using Microsoft.DotNet.Interactive.Formatting;
using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Formatters.Tests;

public class KitTypeFormatterTests
{
    public KitTypeFormatterTests() { Kit.Init(1); TricksFormatters.Register(); }

    [Fact]
    public void Tensors_show_shape_dtype_stats_nan_inf_and_a_preview()
    {
        using var t = tensor(new[] { 1.0f, 2, float.NaN, float.PositiveInfinity, 4 });
        var s = TensorHtml.Stats(t);
        Assert.Equal((1, 1, 1.0, 4.0), (s.NaN, s.Inf, s.Min, s.Max));
        var html = t.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("<td>[5]</td>", html);
        Assert.Contains("Float32", html);
        Assert.Contains("class=\"failed\">1</td>", html);
        var text = t.ToDisplayString(PlainTextFormatter.MimeType);
        Assert.Contains("tensor [5] Float32", text);
        Assert.Contains("NaN 1, Inf 1", text);
        Assert.Equal("[0, 1, 2, ..., 17, 18, 19]", TensorHtml.Preview(arange(20)));
    }

    [Fact]
    public void Two_dimensional_tensors_are_heatmaps_and_image_batches_are_grids()
    {
        using var m = eye(3);
        Assert.Contains("\"type\":\"heatmap\"", TensorHtml.Render(m));
        using var images = rand(3, 1, 8, 8);
        var html = TensorHtml.Render(images);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "data:image/png;base64,").Count);
    }

    [Fact]
    public void Png_encoder_writes_an_image_that_decodes_to_the_pixels()
    {
        var pixels = new byte[] { 0, 128, 255, 64, 1, 2 };
        var png = Png.Greyscale(pixels, 3, 2);
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png.Take(8));
        var (width, height, depth, colour, decoded) = DecodePng(png);
        Assert.Equal((3, 2, 8, 0), (width, height, depth, colour));
        Assert.Equal(pixels, decoded);
        Assert.Throws<ArgumentException>(() => Png.Greyscale(new byte[3], 2, 2));
    }

    /// <summary>
    /// A PNG reader for what the encoder writes (8-bit greyscale, filter 0 on every row): walks the chunks, checks
    /// every CRC, inflates the IDAT data and strips the filter bytes.
    /// </summary>
    private static (int Width, int Height, int Depth, int Colour, byte[] Pixels) DecodePng(byte[] png)
    {
        static uint Be(byte[] b, int o) => (uint)(b[o] << 24 | b[o + 1] << 16 | b[o + 2] << 8 | b[o + 3]);
        static uint Crc(byte[] b, int o, int n)
        {
            uint c = 0xFFFFFFFFu;
            for (int i = o; i < o + n; i++)
            {
                c ^= b[i];
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            return c ^ 0xFFFFFFFFu;
        }
        int pos = 8, width = 0, height = 0, depth = 0, colour = -1;
        using var idat = new MemoryStream();
        bool ended = false;
        while (pos < png.Length)
        {
            int length = (int)Be(png, pos);
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            Assert.Equal(Be(png, pos + 8 + length), Crc(png, pos + 4, length + 4));
            if (type == "IHDR") { width = (int)Be(png, pos + 8); height = (int)Be(png, pos + 12); depth = png[pos + 16]; colour = png[pos + 17]; }
            if (type == "IDAT") idat.Write(png, pos + 8, length);
            if (type == "IEND") ended = true;
            pos += 12 + length;
        }
        Assert.True(ended, "no IEND chunk");
        idat.Position = 0;
        using var z = new System.IO.Compression.ZLibStream(idat, System.IO.Compression.CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var rows = raw.ToArray();
        Assert.Equal(height * (width + 1), rows.Length);
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, rows[y * (width + 1)]);
            Array.Copy(rows, y * (width + 1) + 1, pixels, y * width, width);
        }
        return (width, height, depth, colour, pixels);
    }

    [Fact]
    public void Modules_show_a_layer_table_with_output_shapes_and_parameter_counts()
    {
        var mlp = Models.Mlp(new[] { 784, 128, 10 });
        var summary = ModuleSummary.Of(mlp, new long[] { 1, 784 });
        Assert.Equal(784 * 128 + 128 + 128 * 10 + 10, summary.TotalParameters);
        Assert.Equal(new long[] { 1, 128 }, summary.Layers[0].OutputShape);
        Assert.Equal(new long[] { 1, 10 }, summary.Layers[^1].OutputShape);
        var html = summary.Html();
        Assert.Contains("<td>linear0</td><td>Linear</td><td>[1, 128]</td><td>100,480</td>", html);
        Assert.Contains("101,770 (101,770 trainable)", html);
        Assert.Contains("Linear", ((nn.Module)mlp).ToDisplayString(PlainTextFormatter.MimeType));
    }

    [Fact]
    public void Data_sets_show_sample_images_with_labels_and_the_class_histogram()
    {
        using var test = FashionMnist.Load(train: false, limit: 100);
        var html = test.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Equal(32, System.Text.RegularExpressions.Regex.Matches(html, "data:image/png;base64,").Count);
        Assert.Contains("Ankle boot", html);
        Assert.Contains("\"type\":\"bar\"", html);
        Assert.Equal(100, DataHtml.ClassCounts(test).Sum());
        Assert.Contains("fashion-mnist/test: 100 samples", test.ToDisplayString(PlainTextFormatter.MimeType));
    }

    [Fact]
    public void Gan_histories_chart_the_estimate_against_the_distance()
    {
        var h = new GanHistory("wgan <gp>", GanKind.WganGp, new[] { 1.0 }, new[] { 2.0 },
            new[] { new GanEvaluation(50, 0.9, 1.2, 3), new GanEvaluation(100, 0.4, 0.5, 8) }, 1);
        var html = h.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("critic's W estimate", html);
        Assert.Contains("<td>100</td><td>0.4</td><td>0.5</td><td>8</td>", html);
        Assert.DoesNotContain("wgan <gp>", html);
        Assert.Contains("modes 8", h.ToDisplayString(PlainTextFormatter.MimeType));
    }
}
