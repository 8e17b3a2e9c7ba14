using System.Globalization;
using System.Text;
using Plotly.NET;
using Plotly.NET.CSharp;
using TricksKit.Data;
using Chart = Plotly.NET.CSharp.Chart;

namespace TricksKit.Formatters;

/// <summary>Display of a labelled data set: sample images with their labels (for image data) and the class histogram.</summary>
public static class DataHtml
{
    /// <summary>How many samples each class has, in class order.</summary>
    public static IReadOnlyList<long> ClassCounts(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var labels = data.Labels.data<long>().ToArray();
        var counts = new long[data.Classes];
        foreach (var l in labels) if (l >= 0 && l < counts.Length) counts[l]++;
        return counts;
    }

    /// <summary>A bar chart of the class counts.</summary>
    public static GenericChart ClassHistogram(LabeledData data) =>
        Chart.Column<long, string, string>(ClassCounts(data), Keys: data.ClassNames.Select(PlotlyHtml.Escape).ToArray(), Name: "samples")
            .WithYAxisStyle<long, long, string>(TitleText: "samples")
            .Titled(PlotlyHtml.Escape($"{data.Name}: {data.Count} samples per class"));

    /// <summary>HTML summary of a data set: name, shape, up to 32 labelled images when the features are (N, 1, H, W), and the class counts.</summary>
    public static string Render(LabeledData data)
    {
        var sb = new StringBuilder("<div class=\"tricks tricks-data\">");
        sb.Append(Inv($"<p><b>{PlotlyHtml.Escape(data.Name)}</b>: {data.Count} samples, features [{string.Join(", ", data.Features.shape)}], {data.Classes} classes</p>"));
        var f = data.Features;
        if (f.dim() == 4 && f.shape[1] == 1)
        {
            var labels = data.Labels[..(int)Math.Min(data.Count, 32)].data<long>().Select(l => l >= 0 && l < data.Classes ? data.ClassNames[(int)l] : l.ToString(CultureInfo.InvariantCulture)).ToArray();
            sb.Append(TensorHtml.ImageGrid(f, labels));
        }
        sb.Append(PlotlyHtml.Render(ClassHistogram(data), height: 300));
        return sb.Append("</div>").ToString();
    }

    /// <summary>A one-line plain-text summary of a data set.</summary>
    public static string Text(LabeledData data)
    {
        var counts = ClassCounts(data);
        return Inv($"{data.Name}: {data.Count} samples, features [{string.Join(", ", data.Features.shape)}]; per class: ")
            + string.Join(", ", data.ClassNames.Select((c, i) => $"{c} {counts[i]}"));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
