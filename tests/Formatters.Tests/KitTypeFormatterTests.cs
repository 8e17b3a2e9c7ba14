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
    public void Png_encoder_writes_a_valid_signature_and_chunks()
    {
        var png = Png.Greyscale(new byte[] { 0, 128, 255, 64 }, 2, 2);
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png.Take(8));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
        Assert.Throws<ArgumentException>(() => Png.Greyscale(new byte[3], 2, 2));
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
            new[] { new GanCheckpoint(50, 0.9, 1.2, 3), new GanCheckpoint(100, 0.4, 0.5, 8) }, 1);
        var html = h.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("critic's W estimate", html);
        Assert.Contains("<td>100</td><td>0.4</td><td>0.5</td><td>8</td>", html);
        Assert.DoesNotContain("wgan <gp>", html);
        Assert.Contains("modes 8", h.ToDisplayString(PlainTextFormatter.MimeType));
    }
}
