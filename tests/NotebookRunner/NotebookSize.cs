using System.Text.Json;

namespace Tricks.NotebookRunner;

/// <summary>
/// How big an executed notebook is: its bytes, its bytes without the copies of plotly.js the charts carry (about 3.5 MB
/// each, and the gallery ships it once), and the most live-progress outputs one cell appended.
/// </summary>
public sealed record NotebookSize(long Bytes, long BytesWithoutPlotlyJs, int MaxLiveOutputsInACell)
{
    /// <summary>The budget the notebook tests enforce, plotly.js aside: 2 MB (quick mode is about 0.3 MB).</summary>
    public const long Budget = 2_000_000;

    /// <summary>The most live-progress outputs a cell may hold (the live display's own bound, <c>RedrawSchedule.MaxOutputs</c>).</summary>
    public const int MaxLiveOutputs = 30;

    private const string PlotlyStart = "<script type=\"text/javascript\">(function(){var define=undefined";
    private const string PlotlyEnd = "}).call(window);</script>";

    /// <summary>Reads an executed notebook.</summary>
    public static NotebookSize Measure(string executedNotebook)
    {
        var text = File.ReadAllText(executedNotebook);
        long plotly = 0;
        int maxLive = 0;
        using var doc = JsonDocument.Parse(text);
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (!cell.TryGetProperty("outputs", out var outputs)) continue;
            int live = 0;
            foreach (var o in outputs.EnumerateArray())
                foreach (var html in HtmlOf(o))
                {
                    if (html.Contains("class=\"tricks-live\"", StringComparison.Ordinal)) live++;
                    for (int at = html.IndexOf(PlotlyStart, StringComparison.Ordinal); at >= 0; at = html.IndexOf(PlotlyStart, at + 1, StringComparison.Ordinal))
                    {
                        int end = html.IndexOf(PlotlyEnd, at, StringComparison.Ordinal);
                        if (end < 0) break;
                        plotly += end + PlotlyEnd.Length - at;
                    }
                }
            maxLive = Math.Max(maxLive, live);
        }
        long bytes = new FileInfo(executedNotebook).Length;
        return new NotebookSize(bytes, Math.Max(0, bytes - plotly), maxLive);
    }

    /// <summary>Within the size budget and the live-output bound.</summary>
    public bool WithinBudget => BytesWithoutPlotlyJs <= Budget && MaxLiveOutputsInACell <= MaxLiveOutputs;

    public override string ToString() =>
        $"{BytesWithoutPlotlyJs / 1e6:F2} MB without plotly.js ({Bytes / 1e6:F2} MB in all; budget {Budget / 1e6:F1} MB), at most {MaxLiveOutputsInACell} live-progress outputs in a cell (bound {MaxLiveOutputs})";

    private static IEnumerable<string> HtmlOf(JsonElement output)
    {
        if (output.TryGetProperty("data", out var data) && data.TryGetProperty("text/html", out var html))
        {
            if (html.ValueKind == JsonValueKind.String) yield return html.GetString() ?? "";
            else if (html.ValueKind == JsonValueKind.Array) yield return string.Concat(html.EnumerateArray().Select(l => l.GetString()));
        }
    }
}
