using System.Text;
using System.Text.Json;
using TricksKit.Experiments.Statistics;

namespace TricksKit.Experiments;

/// <summary>
/// Writes an experiment's results JSON (trick, mode, seeds, arms with per-seed metrics and histories, claims with their
/// estimate, 95% interval, method, n, verdict, expected verdict, test and control, environment; no wall-clock time, so that reruns give the same file bit for bit) to <c>&lt;directory&gt;/&lt;name&gt;.json</c> (a notebook
/// passes its settings' <see cref="ExperimentSettings.ResultsDirectory"/>). The file appears whole or not at all (written aside, then moved into place).
/// <see cref="Read"/> is the one reader of the file (the gallery and the notebook runner use it).
/// </summary>
public static class ResultsJson
{
    /// <summary>
    /// Writes <paramref name="result"/>, and beside it the CPU and kernels it was computed with (<see cref="KernelsJson"/>,
    /// <c>NAME.cpu.json</c>); returns the results JSON's path. <paramref name="name"/> defaults to the trick,
    /// <paramref name="directory"/> to <c>results</c> under the working directory.
    /// </summary>
    public static string Write(ExperimentResult result, string? name = null, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var file = (name ?? result.Trick).Trim();
        if (file.Length == 0 || file.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || file.Contains(".."))
            throw new ArgumentException($"name must be a plain file name, got '{name}'.", nameof(name));
        var dir = Path.GetFullPath(directory ?? "results");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, file + ".json");
        AtomicFile.WriteAllText(path, ToJson(result));
        KernelsJson.Write(path);
        return path;
    }

    /// <summary>
    /// Reads a results JSON written by <see cref="Write"/>: the trick, mode, seeds, every arm's per-seed metrics and
    /// series, the claims with their controls, and the environment. Histories are read when every run of an arm has
    /// one; what the file does not hold reads as a stand-in: wall-clock seconds as 0, run names as "", and each
    /// evaluated epoch's number as its place among the evaluations (1, 2, ...; the file keeps its step). An
    /// <see cref="InvalidDataException"/> names the file when it is not a results JSON.
    /// </summary>
    public static ExperimentResult Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return FromJson(doc.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a results JSON ({e.Message}).", e);
        }
    }

    private static ExperimentResult FromJson(JsonElement r)
    {
        var seeds = r.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()).ToArray();
        var arms = r.GetProperty("arms").EnumerateArray().Select(a => ReadArm(a, seeds)).ToArray();
        var claims = r.GetProperty("claims").EnumerateArray().Select(ReadClaim).ToArray();
        var environment = r.GetProperty("environment").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetRawText() : p.Value.GetString() ?? "");
        return new ExperimentResult(r.GetProperty("trick").GetString()!, r.GetProperty("mode").GetString()!, seeds, 0, arms, claims, environment);
    }

    private static ArmResult ReadArm(JsonElement a, IReadOnlyList<int> seeds)
    {
        string name = a.GetProperty("name").GetString()!;
        var metrics = a.GetProperty("metrics").EnumerateObject().Select(p => (p.Name, Values: Row(p.Value))).ToArray();
        var series = a.TryGetProperty("series", out var s)
            ? s.EnumerateObject().Select(p => (p.Name, Rows: p.Value.EnumerateArray().Select(Row).ToArray())).ToArray()
            : Array.Empty<(string Name, double[][] Rows)>();
        var histories = ReadHistories(a, seeds.Count);
        var runs = seeds.Select((seed, i) => new RunRecord(name, seed,
            metrics.ToDictionary(m => m.Name, m => m.Values[i]), histories?[i],
            SeriesValues: series.Length == 0 ? null : series.Where(x => x.Rows[i].Length > 0).ToDictionary(x => x.Name, x => (IReadOnlyList<double>)x.Rows[i]))).ToArray();
        return new ArmResult(name, a.GetProperty("baseline").GetBoolean(), runs) { Replicates = a.TryGetProperty("replicates", out var n) ? n.GetInt32() : 1 };
    }

    private static TrainingHistory[]? ReadHistories(JsonElement a, int runs)
    {
        if (!a.TryGetProperty("history", out var h) || !a.TryGetProperty("epochs", out var e)) return null;
        var loss = h.GetProperty(TrainLoss).EnumerateArray().Select(Row).ToArray();
        if (loss.Length != runs) return null;
        var lr = h.GetProperty(Lr).EnumerateArray().Select(Row).ToArray();
        double[][] Epochs(string field) => e.GetProperty(field).EnumerateArray().Select(Row).ToArray();
        var (step, trL, trA, teL, teA) = (Epochs(Step), Epochs(TrainLoss), Epochs(TrainAccuracy), Epochs(TestLoss), Epochs(TestAccuracy));
        return Enumerable.Range(0, runs).Select(i => new TrainingHistory("", loss[i], lr[i],
            step[i].Select((st, k) => new EpochRecord(k + 1, (int)st, trL[i][k], trA[i][k], teL[i][k], teA[i][k])).ToArray(), 0)).ToArray();
    }

    private static Claim ReadClaim(JsonElement c)
    {
        static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
        Control? control = c.TryGetProperty("control", out var k)
            ? new Control(k.GetProperty("compares").GetString()!, ReadEstimate(k), Verdicts.Parse(k.GetProperty("verdict").GetString()!))
            : null;
        return new Claim(c.GetProperty("name").GetString()!, c.GetProperty("metric").GetString()!, ReadEstimate(c),
            Number(c.GetProperty("threshold")), c.GetProperty("comparison").GetString()!, Verdicts.Parse(c.GetProperty("verdict").GetString()!),
            Verdicts.Parse(c.GetProperty("expected").GetString()!), control, Text(c, "test") ?? "", Text(c, "baseline") ?? "")
        { Paper = Text(c, "paper") ?? "" };
    }

    private static Estimate ReadEstimate(JsonElement e)
    {
        static string? Text(JsonElement x, string name) => x.TryGetProperty(name, out var v) ? v.GetString() : null;
        static double Low(JsonElement x) => x.ValueKind == JsonValueKind.Null ? double.NegativeInfinity : x.GetDouble();
        return new Estimate(e.GetProperty("estimate").ValueKind == JsonValueKind.Null ? double.NaN : e.GetProperty("estimate").GetDouble(),
            Low(e.GetProperty("low")), Number(e.GetProperty("high")), e.GetProperty("n").GetInt32(), e.GetProperty("method").GetString()!)
        { ValueText = Text(e, "estimate_text"), LowText = Text(e, "low_text"), HighText = Text(e, "high_text") };
    }

    private static void WriteEstimate(Utf8JsonWriter w, Estimate e)
    {
        Number(w, "estimate", e.Value);
        Number(w, "low", e.Low);
        Number(w, "high", e.High);
        if (e.ValueText is not null) w.WriteString("estimate_text", e.ValueText);
        if (e.LowText is not null) w.WriteString("low_text", e.LowText);
        if (e.HighText is not null) w.WriteString("high_text", e.HighText);
        w.WriteString("method", e.Method);
        w.WriteNumber("n", e.N);
    }

    /// <summary>JSON null is what <see cref="Value"/> writes for NaN and infinities: read back as +infinity (a target never reached).</summary>
    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.PositiveInfinity : e.GetDouble();

    private static double[] Row(JsonElement e) => e.EnumerateArray().Select(Number).ToArray();

    // The history's fields, written and read here alone.
    private const string Step = "step", TrainLoss = "train_loss", Lr = "lr", TrainAccuracy = "train_accuracy", TestLoss = "test_loss", TestAccuracy = "test_accuracy";

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
                if (c.Baseline.Length > 0) w.WriteString("baseline", c.Baseline);
                w.WriteString("comparison", c.Comparison);
                Number(w, "threshold", c.Threshold);
                WriteEstimate(w, c.Effect);
                w.WriteString("verdict", c.Verdict.Text());
                w.WriteString("expected", c.Expected.Text());
                if (c.Paper.Length > 0) w.WriteString("paper", c.Paper);
                if (c.Test.Length > 0) w.WriteString("test", c.Test);
                if (c.Control is { } k)
                {
                    w.WriteStartObject("control");
                    w.WriteString("compares", k.Compares);
                    WriteEstimate(w, k.Effect);
                    w.WriteString("verdict", k.Verdict.Text());
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
        // Only a replicated arm says so: each seed's values below are the mean of this many runs (Arm.Replicated).
        if (arm.Replicates > 1) w.WriteNumber("replicates", arm.Replicates);
        w.WriteStartObject("metrics");
        foreach (var m in arm.MetricNames) Series(w, m, arm.Values(m));
        w.WriteEndObject();
        var seriesNames = arm.Runs.SelectMany(r => r.SeriesValues?.Keys ?? Enumerable.Empty<string>()).Distinct().ToArray();
        if (seriesNames.Length > 0)
        {
            // Per seed, each named series the runs reported (e.g. accuracy every k steps), for figures.
            w.WriteStartObject("series");
            foreach (var name in seriesNames)
                Nested(w, name, arm.Runs.Select(r => r.SeriesValues is not null && r.SeriesValues.TryGetValue(name, out var v) ? v : Array.Empty<double>()));
            w.WriteEndObject();
        }
        var histories = arm.Runs.Select(r => r.History).Where(h => h is not null).Select(h => h!).ToArray();
        if (histories.Length > 0)
        {
            w.WriteStartObject("history");
            Series(w, Step, Enumerable.Range(1, histories.Max(h => h.StepLoss.Count)).Select(i => (double)i).ToArray());
            Nested(w, TrainLoss, histories.Select(h => h.StepLoss));
            Nested(w, Lr, histories.Select(h => h.StepLr));
            w.WriteEndObject();
            w.WriteStartObject("epochs");
            Nested(w, Step, histories.Select(h => h.Epochs.Select(e => (double)e.Step).ToArray()));
            Nested(w, TrainLoss, histories.Select(h => h.Epochs.Select(e => e.TrainLoss).ToArray()));
            Nested(w, TrainAccuracy, histories.Select(h => h.Epochs.Select(e => e.TrainAccuracy).ToArray()));
            Nested(w, TestLoss, histories.Select(h => h.Epochs.Select(e => e.TestLoss).ToArray()));
            Nested(w, TestAccuracy, histories.Select(h => h.Epochs.Select(e => e.TestAccuracy).ToArray()));
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
