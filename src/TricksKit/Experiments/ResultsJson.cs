using System.Text;
using System.Text.Json;

namespace TricksKit;

/// <summary>
/// Writes an experiment's results JSON (trick, mode, seeds, arms with per-seed metrics and histories, claims with their
/// test and control, environment; no wall-clock time, so that reruns give the same file bit for bit) to <c>&lt;directory&gt;/&lt;name&gt;.json</c> (a notebook
/// passes its settings' <see cref="ExperimentSettings.ResultsDirectory"/>). The file appears whole or not at all (written aside, then moved into place).
/// </summary>
public static class ResultsJson
{
    /// <summary>Writes <paramref name="result"/>; returns the path. <paramref name="name"/> defaults to the trick, <paramref name="directory"/> to <c>results</c> under the working directory.</summary>
    public static string Write(ExperimentResult result, string? name = null, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var file = (name ?? result.Trick).Trim();
        if (file.Length == 0 || file.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || file.Contains(".."))
            throw new ArgumentException($"name must be a plain file name, got '{name}'.", nameof(name));
        var dir = Path.GetFullPath(directory ?? "results");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, file + ".json");
        var bytes = new UTF8Encoding(false).GetBytes(ToJson(result));
        AtomicFile.Write(path, s => s.Write(bytes));
        return path;
    }

    /// <summary>The JSON text.</summary>
    public static string ToJson(ExperimentResult r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("trick", r.Trick);
            w.WriteString("mode", r.Mode);
            w.WriteStartArray("seeds"); foreach (var s in r.Seeds) w.WriteNumberValue(s); w.WriteEndArray();
            w.WriteStartArray("arms");
            foreach (var arm in r.Arms) WriteArm(w, arm);
            w.WriteEndArray();
            w.WriteStartArray("claims");
            foreach (var c in r.Claims)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("metric", c.Metric);
                Number(w, "observed", c.Observed);
                Number(w, "threshold", c.Threshold);
                w.WriteString("comparison", c.Comparison);
                w.WriteBoolean("holds", c.Holds);
                if (c.ObservedText is not null) w.WriteString("observed_text", c.ObservedText);
                if (c.Test.Length > 0) w.WriteString("test", c.Test);
                if (c.Control is { } k)
                {
                    w.WriteStartObject("control");
                    w.WriteString("compares", k.Compares);
                    Number(w, "observed", k.Observed);
                    if (k.ObservedText is not null) w.WriteString("observed_text", k.ObservedText);
                    w.WriteBoolean("holds", k.Holds);
                    w.WriteEndObject();
                }
                w.WriteBoolean("passed", c.Passed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("environment");
            foreach (var (k, v) in r.Environment)
                if (int.TryParse(v, out var n)) w.WriteNumber(k, n); else w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteArm(Utf8JsonWriter w, ArmResult arm)
    {
        w.WriteStartObject();
        w.WriteString("name", arm.Name);
        w.WriteBoolean("baseline", arm.Baseline);
        w.WriteStartObject("metrics");
        foreach (var m in arm.MetricNames) Series(w, m, arm.Values(m));
        w.WriteEndObject();
        var seriesNames = arm.Runs.SelectMany(r => r.Series?.Keys ?? Enumerable.Empty<string>()).Distinct().ToArray();
        if (seriesNames.Length > 0)
        {
            // Per seed, each named series the runs reported (e.g. accuracy every k steps), for figures.
            w.WriteStartObject("series");
            foreach (var name in seriesNames)
                Nested(w, name, arm.Runs.Select(r => r.Series is not null && r.Series.TryGetValue(name, out var v) ? v : Array.Empty<double>()));
            w.WriteEndObject();
        }
        var histories = arm.Runs.Select(r => r.History).Where(h => h is not null).Select(h => h!).ToArray();
        if (histories.Length > 0)
        {
            w.WriteStartObject("history");
            Series(w, "step", Enumerable.Range(1, histories.Max(h => h.StepLoss.Count)).Select(i => (double)i).ToArray());
            Nested(w, "train_loss", histories.Select(h => h.StepLoss));
            Nested(w, "lr", histories.Select(h => h.StepLr));
            w.WriteEndObject();
            w.WriteStartObject("epochs");
            Nested(w, "step", histories.Select(h => h.Epochs.Select(e => (double)e.Step).ToArray()));
            Nested(w, "train_loss", histories.Select(h => h.Epochs.Select(e => e.TrainLoss).ToArray()));
            Nested(w, "train_accuracy", histories.Select(h => h.Epochs.Select(e => e.TrainAccuracy).ToArray()));
            Nested(w, "test_loss", histories.Select(h => h.Epochs.Select(e => e.TestLoss).ToArray()));
            Nested(w, "test_accuracy", histories.Select(h => h.Epochs.Select(e => e.TestAccuracy).ToArray()));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void Nested(Utf8JsonWriter w, string name, IEnumerable<IReadOnlyList<double>> rows)
    {
        w.WriteStartArray(name);
        foreach (var row in rows) { w.WriteStartArray(); foreach (var v in row) Value(w, v); w.WriteEndArray(); }
        w.WriteEndArray();
    }

    private static void Series(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) Value(w, v);
        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double v) { w.WritePropertyName(name); Value(w, v); }

    /// <summary>JSON has no NaN or infinity: they are written as null.</summary>
    private static void Value(Utf8JsonWriter w, double v) { if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue(); }
}
