using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace TricksKit.Formatters;

/// <summary>
/// A live display of a long run: progress and the running loss curve, in one output that is redrawn (the handle from
/// <c>KernelInvocationContext.Current.Display</c>; <c>display(x).Update(y)</c> is broken in .NET Interactive
/// beta.26120.1). How often it redraws follows the host (<see cref="RedrawSchedule"/>): about once a second where the
/// display is replaced in place (VS Code), at growing gaps and at most <see cref="RedrawSchedule.MaxOutputs"/> outputs
/// where every update is appended (dotnet-repl, Jupyter exports). The running curve is a small inline SVG of at most
/// <see cref="MaxSparklinePoints"/> points. Outside a notebook it does nothing.
/// </summary>
public sealed class LiveProgress : IProgress<ExperimentProgress>, IDisposable
{
    /// <summary>The most points of the running-loss sparkline (the steps are averaged into buckets; the last value is exact).</summary>
    public const int MaxSparklinePoints = 200;

    private readonly object gate = new();
    private readonly Action<string>? show;
    private readonly Func<TimeSpan> clock;
    private readonly RedrawSchedule schedule;
    private readonly List<double> curve = new();
    private ExperimentProgress? last;
    private string? currentRun;
    private bool disposed;

    /// <summary>
    /// A live display in the current notebook cell. <paramref name="inPlace"/> says whether the host replaces a display
    /// in place; null detects it (VS Code's Polyglot Notebooks runs the kernel as <c>dotnet interactive ... stdio</c>).
    /// </summary>
    public LiveProgress(string title = "running", TimeSpan? interval = null, bool? inPlace = null)
        : this(title, Displayer(), inPlace ?? HostReplacesInPlace(Environment.GetCommandLineArgs()), interval, null)
    {
    }

    /// <summary>A live display that writes each redraw's HTML to <paramref name="show"/> (tests, other hosts).</summary>
    internal LiveProgress(string title, Action<string>? show, bool inPlace, TimeSpan? interval, Func<TimeSpan>? clock)
    {
        Title = title;
        this.show = show;
        var watch = Stopwatch.StartNew();
        this.clock = clock ?? (() => watch.Elapsed);
        schedule = new RedrawSchedule(inPlace, interval);
        show?.Invoke(Html("starting..."));
    }

    /// <summary>The title shown above the progress.</summary>
    public string Title { get; }

    /// <summary>How many times the display was redrawn after it first appeared.</summary>
    public int Updates { get; private set; }

    /// <summary>Records the latest progress and redraws when the schedule says so.</summary>
    public void Report(ExperimentProgress value)
    {
        lock (gate)
        {
            last = value;
            var run = $"{value.Arm}/{value.Seed}";
            if (run != currentRun) { currentRun = run; curve.Clear(); }
            if (value.Step is { } s) curve.Add(s.Loss);
            if (show is null || disposed || !schedule.Due(clock())) return;
            Redraw(Status(value));
        }
    }

    /// <summary>Ends the live display with a final line (the static result follows as the cell's value).</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            if (show is null) return;
            schedule.Final();
            Redraw(string.Create(CultureInfo.InvariantCulture, $"done: {last?.TotalRuns ?? 0} runs in {clock().TotalSeconds:F1} s"), final: true);
        }
    }

    /// <summary>True for a kernel started as <c>dotnet interactive ... stdio</c>, as VS Code starts it: it replaces displays in place.</summary>
    internal static bool HostReplacesInPlace(IReadOnlyList<string> commandLine) =>
        commandLine.Any(a => a == "stdio" || a == "[vscode]");

    private static Action<string>? Displayer()
    {
        var context = KernelInvocationContext.Current;
        if (context is null) return null;
        DisplayedValue? handle = null;
        // The first call makes the display; every later one redraws it.
        return html =>
        {
            if (handle is null) handle = context.Display(new RawHtml(html), "text/html");
            else handle.Update(new RawHtml(html));
        };
    }

    private void Redraw(string status, bool final = false)
    {
        Updates++;
        show!(Html(status, final));
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

    /// <summary>The running curve as an SVG polyline, 400x80, of at most <see cref="MaxSparklinePoints"/> points.</summary>
    internal static string Sparkline(IReadOnlyList<double> values)
    {
        var points = Downsample(values.Where(double.IsFinite).ToArray(), MaxSparklinePoints);
        if (points.Count < 2) return "";
        double lo = points.Min(), hi = points.Max(), span = hi - lo > 0 ? hi - lo : 1;
        var pts = string.Join(" ", points.Select((v, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{i * 400.0 / (points.Count - 1):F1},{78 - (v - lo) / span * 76:F1}")));
        return $"<svg width=\"400\" height=\"80\" style=\"background:#fafafa\"><polyline fill=\"none\" stroke=\"#1f77b4\" points=\"{pts}\"/></svg>";
    }

    /// <summary>
    /// At most <paramref name="max"/> points: the values averaged over equal runs of steps, except the last point,
    /// which is the last value itself. Fewer values come back unchanged.
    /// </summary>
    internal static IReadOnlyList<double> Downsample(IReadOnlyList<double> values, int max)
    {
        if (max < 2) throw new ArgumentOutOfRangeException(nameof(max), max, "max must be >= 2.");
        if (values.Count <= max) return values;
        int buckets = max - 1, body = values.Count - 1;
        var result = new double[max];
        for (int b = 0; b < buckets; b++)
        {
            int from = (int)((long)b * body / buckets), to = (int)((long)(b + 1) * body / buckets);
            double sum = 0;
            for (int i = from; i < to; i++) sum += values[i];
            result[b] = sum / (to - from);
        }
        result[^1] = values[^1];
        return result;
    }
}
