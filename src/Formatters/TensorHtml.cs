using System.Globalization;
using System.Text;
using Plotly.NET;
using Plotly.NET.CSharp;
using static TorchSharp.torch;
using Chart = Plotly.NET.CSharp.Chart;

namespace TricksKit.Formatters;

/// <summary>Summary statistics of a tensor (computed in float64 over the finite values).</summary>
public sealed record TensorStats(IReadOnlyList<long> Shape, string DType, string Device, long Count, double Min, double Max, double Mean, double Std, long NaN, long Inf);

/// <summary>Display of tensors: shape, dtype, device, statistics, NaN/Inf counts and a preview; 2-D as a heatmap, (N,1,H,W) as an image grid.</summary>
public static class TensorHtml
{
    /// <summary>Shape, dtype, device, min/max/mean/std of the finite values, and the NaN and Inf counts of a tensor.</summary>
    public static TensorStats Stats(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        using var scope = NewDisposeScope();
        var shape = t.shape.ToArray();
        long count = t.numel();
        if (count == 0)
            return new TensorStats(shape, t.dtype.ToString(), t.device.ToString(), count, double.NaN, double.NaN, double.NaN, double.NaN, 0, 0);
        var d = t.detach().cpu().to_type(ScalarType.Float64).flatten();
        long nan = d.isnan().sum().item<long>(), inf = d.isinf().sum().item<long>();
        var finite = d.masked_select(d.isfinite());
        bool any = finite.numel() > 0;
        return new TensorStats(shape, t.dtype.ToString(), t.device.ToString(), count,
            any ? finite.min().item<double>() : double.NaN, any ? finite.max().item<double>() : double.NaN,
            any ? finite.mean().item<double>() : double.NaN, finite.numel() > 1 ? finite.std().item<double>() : 0, nan, inf);
    }

    /// <summary>A plain-text summary of a tensor.</summary>
    public static string Text(Tensor t)
    {
        var s = Stats(t);
        return Inv($"tensor [{string.Join(", ", s.Shape)}] {s.DType} on {s.Device}: min {s.Min:G4} max {s.Max:G4} mean {s.Mean:G4} std {s.Std:G4}, NaN {s.NaN}, Inf {s.Inf}\n{Preview(t)}");
    }

    /// <summary>HTML for a tensor: its statistics and a preview of its values.</summary>
    public static string Render(Tensor t)
    {
        var s = Stats(t);
        var sb = new StringBuilder("<div class=\"tricks tricks-tensor\">");
        sb.Append(Inv($"<table><tr><th>shape</th><td>[{string.Join(", ", s.Shape)}]</td><th>dtype</th><td>{s.DType}</td><th>device</th><td>{s.Device}</td></tr>"));
        sb.Append(Inv($"<tr><th>min</th><td>{s.Min:G4}</td><th>max</th><td>{s.Max:G4}</td><th>mean &plusmn; std</th><td>{s.Mean:G4} &plusmn; {s.Std:G4}</td></tr>"));
        sb.Append(Inv($"<tr><th>NaN</th><td{(s.NaN > 0 ? " class=\"failed\"" : "")}>{s.NaN}</td><th>Inf</th><td{(s.Inf > 0 ? " class=\"failed\"" : "")}>{s.Inf}</td><th>elements</th><td>{s.Count}</td></tr></table>"));
        sb.Append("<pre>").Append(PlotlyHtml.Escape(Preview(t))).Append("</pre>");
        if (t.dim() == 4 && t.shape[1] == 1 && t.shape[0] > 0) sb.Append(ImageGrid(t, labels: null));
        else if (t.dim() == 2 && t.numel() > 0 && t.numel() <= 250_000) sb.Append(PlotlyHtml.Render(Heatmap(t), height: 320));
        return sb.Append("</div>").ToString();
    }

    /// <summary>A 2-D tensor as a heatmap (row 0 at the top).</summary>
    public static GenericChart Heatmap(Tensor t)
    {
        if (t.dim() != 2) throw new ArgumentException($"t must be 2-D, got {t.dim()} dimensions.", nameof(t));
        using var d = t.detach().cpu().to_type(ScalarType.Float64);
        var rows = Enumerable.Range(0, (int)t.shape[0]).Select(i => d[i].data<double>().ToArray().AsEnumerable()).ToArray();
        return Chart.Heatmap<double, int, int, string>(rows, ReverseYAxis: true);
    }

    /// <summary>The first values, PyTorch-style (at most 6 per dimension, first 3 and last 3; cut at about 1,500 characters).</summary>
    public static string Preview(Tensor t)
    {
        using var d = t.detach().cpu();
        if (d.numel() == 0) return "[]";
        var text = Format(d, 0);
        return text.Length <= 1500 ? text : text[..1500] + "\n...";
    }

    private static string Format(Tensor t, int depth)
    {
        if (t.dim() == 0) return t.dtype == ScalarType.Bool ? t.item<bool>().ToString() : t.to_type(ScalarType.Float64).item<double>().ToString("G4", CultureInfo.InvariantCulture);
        long n = t.shape[0];
        var idx = n <= 6 ? Enumerable.Range(0, (int)n).ToArray() : new[] { 0, 1, 2, -1, (int)n - 3, (int)n - 2, (int)n - 1 };
        var parts = idx.Select(i => i < 0 ? "..." : Format(t[i], depth + 1));
        return "[" + string.Join(t.dim() > 1 ? ",\n" + new string(' ', depth + 1) : ", ", parts) + "]";
    }

    /// <summary>Images (N, 1, H, W) in [0, 1] (or any range, rescaled) as a grid of inline PNGs, with optional labels.</summary>
    public static string ImageGrid(Tensor images, IReadOnlyList<string>? labels, int max = 32, int scale = 2)
    {
        if (images.dim() != 4 || images.shape[1] != 1) throw new ArgumentException($"images must be (N, 1, H, W), got [{string.Join(", ", images.shape)}].", nameof(images));
        using var scope = NewDisposeScope();
        int n = (int)Math.Min(images.shape[0], max), h = (int)images.shape[2], w = (int)images.shape[3];
        var x = images[..n].detach().cpu().to_type(ScalarType.Float32);
        float lo = x.min().item<float>(), hi = x.max().item<float>(), span = hi > lo ? hi - lo : 1;
        var bytes = ((x - lo) / span * 255).clamp(0, 255).to_type(ScalarType.Byte).flatten().data<byte>().ToArray();
        var sb = new StringBuilder("<div class=\"tricks-images\" style=\"display:flex;flex-wrap:wrap;gap:4px\">");
        for (int i = 0; i < n; i++)
        {
            var png = Convert.ToBase64String(Png.Greyscale(bytes.AsSpan(i * h * w, h * w).ToArray(), w, h));
            var label = labels is null || i >= labels.Count ? "" : $"<div style=\"font-size:11px;text-align:center\">{PlotlyHtml.Escape(labels[i])}</div>";
            sb.Append(Inv($"<figure style=\"margin:0\"><img src=\"data:image/png;base64,{png}\" width=\"{w * scale}\" height=\"{h * scale}\" style=\"image-rendering:pixelated\" alt=\"sample {i}\"/>{label}</figure>"));
        }
        return sb.Append("</div>").ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
