using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace TricksKit.Formatters;

/// <summary>
/// A live display of a long run: progress and the running loss curve, redrawn at most once per interval in one
/// output (the handle from <c>KernelInvocationContext.Current.Display</c>; <c>display(x).Update(y)</c> is broken in
/// .NET Interactive beta.26120.1). Headless runs (<c>TRICKS_HEADLESS</c> set, as the notebook runner does) append
/// every update as a new output, so there it redraws only every 20 s. The running curve is a small inline SVG:
/// cheap to redraw, no script. Outside a notebook it does nothing.
/// </summary>
public sealed class LiveProgress : IProgress<ExperimentProgress>, IDisposable
{
    private readonly object gate = new();
    private readonly DisplayedValue? handle;
    private readonly Stopwatch sinceUpdate = Stopwatch.StartNew();
    private readonly Stopwatch total = Stopwatch.StartNew();
    private readonly List<double> curve = new();
    private readonly TimeSpan interval;
    private ExperimentProgress? last;
    private string? currentRun;

    public LiveProgress(string title = "running", TimeSpan? interval = null)
    {
        Title = title;
        this.interval = interval ?? (Environment.GetEnvironmentVariable("TRICKS_HEADLESS") is { Length: > 0 } ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(1));
        handle = KernelInvocationContext.Current?.Display(new RawHtml(Html("starting...")), "text/html");
    }

    public string Title { get; }

    /// <summary>How many times the display was redrawn.</summary>
    public int Updates { get; private set; }

    public void Report(ExperimentProgress value)
    {
        lock (gate)
        {
            last = value;
            var run = $"{value.Arm}/{value.Seed}";
            if (run != currentRun) { currentRun = run; curve.Clear(); }
            if (value.Step is { } s) curve.Add(s.Loss);
            if (sinceUpdate.Elapsed < interval) return;
            sinceUpdate.Restart();
            Redraw(Status(value));
        }
    }

    /// <summary>Ends the live display with a final line (the static result follows as the cell's value).</summary>
    public void Dispose()
    {
        lock (gate) Redraw(string.Create(CultureInfo.InvariantCulture, $"done: {last?.TotalRuns ?? 0} runs in {total.Elapsed.TotalSeconds:F1} s"), final: true);
    }

    private void Redraw(string status, bool final = false)
    {
        if (handle is null) return;
        Updates++;
        handle.Update(new RawHtml(Html(status, final)));
    }

    private static string Status(ExperimentProgress p)
    {
        var step = p.Step is { } s ? string.Create(CultureInfo.InvariantCulture, $", step {s.Step}/{s.TotalSteps}, loss {s.Loss:F4}") : "";
        return $"run {p.Run}/{p.TotalRuns}: {p.Arm}, seed {p.Seed}{step}";
    }

    private string Html(string status, bool final = false)
    {
        var sb = new StringBuilder("<div class=\"tricks-live\" style=\"font-family:monospace\">");
        // Runs finished, plus the share of the current run's steps.
        double fraction = final ? 1 : last is null ? 0
            : (last.Run - 1 + (last.Step is { TotalSteps: > 0 } st ? (double)st.Step / st.TotalSteps : 0)) / Math.Max(1, last.TotalRuns);
        sb.Append(CultureInfo.InvariantCulture, $"<div><b>{PlotlyHtml.Escape(Title)}</b>: {PlotlyHtml.Escape(status)}</div>");
        sb.Append(CultureInfo.InvariantCulture, $"<div style=\"width:400px;height:8px;background:#eee\"><div style=\"width:{fraction * 100:F0}%;height:8px;background:#1f77b4\"></div></div>");
        if (!final && curve.Count > 1) sb.Append(Sparkline(curve));
        return sb.Append("</div>").ToString();
    }

    /// <summary>The running curve as an SVG polyline, 400x80.</summary>
    internal static string Sparkline(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length < 2) return "";
        double lo = finite.Min(), hi = finite.Max(), span = hi - lo > 0 ? hi - lo : 1;
        var pts = string.Join(" ", values.Select((v, i) => double.IsFinite(v)
            ? string.Create(CultureInfo.InvariantCulture, $"{i * 400.0 / (values.Count - 1):F1},{78 - (v - lo) / span * 76:F1}") : null).Where(p => p is not null));
        return $"<svg width=\"400\" height=\"80\" style=\"background:#fafafa\"><polyline fill=\"none\" stroke=\"#1f77b4\" points=\"{pts}\"/></svg>";
    }
}
