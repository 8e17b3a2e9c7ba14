using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.DotNet.Interactive.Formatting;

namespace TricksKit.Formatters;

/// <summary>
/// Registers the kit's notebook display. One call from a notebook's set-up cell: <c>TricksNotebook.Setup()</c>.
/// </summary>
public static class TricksFormatters
{
    private static int registered;

    /// <summary>Registers HTML and plain-text formatters for the kit's types (idempotent).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Register()
    {
        FSharpCoreRedirect.Install();
        if (Interlocked.Exchange(ref registered, 1) == 1) return;
        RegisterCore();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterCore()
    {
        Formatter.Register<RawHtml>((h, w) => w.Write(h.Html), HtmlFormatter.MimeType);
        // Charts returned by a cell draw inline, offline (no Plotly.NET.Interactive extension, no CDN).
        Formatter.Register<Plotly.NET.GenericChart>((c, w) => w.Write(PlotlyHtml.Render(c)), HtmlFormatter.MimeType);
        Formatter.Register<HeadlineFigure>((h, w) => w.Write(h.Html()), HtmlFormatter.MimeType);
        Formatter.Register<RawHtml>((h, w) => w.Write(h.Html), PlainTextFormatter.MimeType);
        Formatter.Register<TrainingHistory>((h, w) => w.Write(HistoryHtml(h)), HtmlFormatter.MimeType);
        Formatter.Register<TrainingHistory>((h, w) => w.Write(HistoryText(h)), PlainTextFormatter.MimeType);
        Formatter.Register<ExperimentResult>((r, w) => w.Write(ExperimentHtml.Render(r)), HtmlFormatter.MimeType);
        Formatter.Register<ExperimentResult>((r, w) => w.Write(ExperimentHtml.Text(r)), PlainTextFormatter.MimeType);
        Formatter.Register<Claim>((c, w) => w.Write(ExperimentHtml.ClaimsTable(new[] { c })), HtmlFormatter.MimeType);
        Formatter.Register<Claim>((c, w) => w.Write(c.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<TorchSharp.torch.Tensor>((t, w) => w.Write(TensorHtml.Render(t)), HtmlFormatter.MimeType);
        Formatter.Register<TorchSharp.torch.Tensor>((t, w) => w.Write(TensorHtml.Text(t)), PlainTextFormatter.MimeType);
        Formatter.Register<ModuleSummary>((m, w) => w.Write(m.Html()), HtmlFormatter.MimeType);
        Formatter.Register<ModuleSummary>((m, w) => w.Write(m.Text()), PlainTextFormatter.MimeType);
        Formatter.Register<TorchSharp.torch.nn.Module>((m, w) => w.Write(ModuleSummary.Of(m).Html()), HtmlFormatter.MimeType);
        Formatter.Register<TorchSharp.torch.nn.Module>((m, w) => w.Write(ModuleSummary.Of(m).Text()), PlainTextFormatter.MimeType);
        Formatter.Register<TricksKit.Data.LabeledData>((d, w) => w.Write(DataHtml.Render(d)), HtmlFormatter.MimeType);
        Formatter.Register<TricksKit.Data.LabeledData>((d, w) => w.Write(DataHtml.Text(d)), PlainTextFormatter.MimeType);
        Formatter.Register<Microsoft.Data.Analysis.DataFrame>((d, w) => w.Write(DataFrameHtml.Render(d)), HtmlFormatter.MimeType);
        Formatter.Register<Microsoft.Data.Analysis.DataFrame>((d, w) => w.Write(DataFrameHtml.Text(d)), PlainTextFormatter.MimeType);
        Formatter.Register<GanHistory>((h, w) => w.Write(GanHtml.Render(h)), HtmlFormatter.MimeType);
        Formatter.Register<GanHistory>((h, w) => w.Write(GanHtml.Text(h)), PlainTextFormatter.MimeType);
    }

    /// <summary>The HTML of one training run: loss chart, then the per-epoch table.</summary>
    public static string HistoryHtml(TrainingHistory h)
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"tricks-history\">");
        sb.Append(PlotlyHtml.Render(HistoryCharts.Loss(h)));
        if (h.StepLr.Count > 0) sb.Append(PlotlyHtml.Render(HistoryCharts.LearningRate(h), height: 260));
        sb.Append("<table><thead><tr><th>epoch</th><th>step</th><th>train loss</th><th>train acc</th><th>test loss</th><th>test acc</th></tr></thead><tbody>");
        foreach (var e in h.Epochs)
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{e.Epoch}</td><td>{e.Step}</td><td>{e.TrainLoss:F4}</td><td>{e.TrainAccuracy:F4}</td><td>{e.TestLoss:F4}</td><td>{e.TestAccuracy:F4}</td></tr>");
        sb.Append("</tbody></table>");
        sb.Append(CultureInfo.InvariantCulture, $"<p>{PlotlyHtml.Escape(h.Name)}: {h.StepLoss.Count} steps in {h.Seconds:F1} s</p></div>");
        return sb.ToString();
    }

    /// <summary>The plain-text form of one training run.</summary>
    public static string HistoryText(TrainingHistory h)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{h.Name}: {h.StepLoss.Count} steps, {h.Seconds:F1} s");
        foreach (var e in h.Epochs)
            sb.AppendLine(CultureInfo.InvariantCulture, $"  epoch {e.Epoch}: train loss {e.TrainLoss:F4} acc {e.TrainAccuracy:F4} | test loss {e.TestLoss:F4} acc {e.TestAccuracy:F4}");
        return sb.ToString();
    }
}

/// <summary>
/// HTML written as it is. (The host's <c>HtmlString</c> comes from Microsoft.AspNetCore.Html.Abstractions 2.3.0, while
/// NuGet here serves only 2.3.13 to compile against: referencing it fails to load in the notebook host.)
/// </summary>
public sealed record RawHtml(string Html);
