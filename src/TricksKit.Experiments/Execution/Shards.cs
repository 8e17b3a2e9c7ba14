using System.Globalization;
using System.Text.Json;

namespace TricksKit.Experiments.Execution;

/// <summary>
/// Splits a design's runs over machines and puts them back together. Shard <c>i</c> of <c>n</c> runs the runs
/// <see cref="RunPlan.Shard"/> gives it and writes their records to <c>NN-name.shard-i-of-n.jsonl</c>;
/// <see cref="Merge"/> reads every shard of a directory, checks that each run is there exactly once, and evaluates the
/// claims on the assembled result, which equals a single run's (tested byte for byte). Records are JSON lines whose
/// doubles round-trip exactly.
/// </summary>
public static class Shards
{
    /// <summary>The file shard <paramref name="shard"/> of <paramref name="of"/> writes for <paramref name="design"/>.</summary>
    public static string FileName(ExperimentDesign design, int shard, int of) =>
        string.Create(CultureInfo.InvariantCulture, $"{design.Name}.shard-{shard}-of-{of}.jsonl");

    /// <summary>Parses "i/n" (1 &lt;= i &lt;= n).</summary>
    public static (int Shard, int Of) Parse(string text, string parameter = "shard")
    {
        var parts = (text ?? "").Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out var i) && int.TryParse(parts[1], out var n) && n >= 1 && i >= 1 && i <= n) return (i, n);
        throw new ArgumentException($"{parameter} must be i/n with 1 <= i <= n, e.g. 1/2; got '{text}'.", parameter);
    }

    /// <summary>Runs shard <paramref name="shard"/> of <paramref name="of"/> in this process and writes its records into <paramref name="directory"/>; returns the file.</summary>
    public static string Run(ExperimentDesign design, ExperimentSettings settings, int shard, int of, string directory, IProgress<ExperimentProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var plan = design.Plan(settings);
        var runs = plan.Shard(shard, of).ToArray();
        Kit.Init();
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName(design, shard, of));
        var lines = new List<string>();
        foreach (int run in runs)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{run} {JsonSerializer.Serialize(plan.Run(run, plan.Relay(run, progress)), RecordJson.Options)}"));
        // Written whole at the end, through a temporary file: a shard that fails leaves no partial file behind.
        AtomicFile.Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true);
            foreach (var line in lines) w.WriteLine(line);
        });
        return path;
    }

    /// <summary>
    /// Assembles the shards of <paramref name="design"/> found in <paramref name="directory"/> (all of one <c>n</c>)
    /// into the result a single run would give, with its claims evaluated.
    /// </summary>
    public static ExperimentResult Merge(ExperimentDesign design, ExperimentSettings settings, string directory)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(settings);
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, $"{design.Name}.shard-*-of-*.jsonl").OrderBy(f => f, StringComparer.Ordinal).ToArray() : Array.Empty<string>();
        if (files.Length == 0) throw new FileNotFoundException($"no shard of '{design.Name}' in '{directory}' (files {design.Name}.shard-i-of-n.jsonl).");
        var counts = files.Select(f => Path.GetFileNameWithoutExtension(f).Split("-of-")[^1]).Distinct().ToArray();
        if (counts.Length != 1) throw new InvalidOperationException($"'{directory}' mixes shards of different counts ({string.Join(", ", counts)}): merge one sweep at a time.");
        var plan = design.Plan(settings);
        var records = new RunRecord?[plan.Count];
        foreach (var file in files)
            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
            {
                int space = line.IndexOf(' ');
                int run = int.Parse(line[..space], CultureInfo.InvariantCulture);
                if (run < 0 || run >= plan.Count) throw new InvalidOperationException($"{Path.GetFileName(file)}: run {run} is not a run of these settings (0..{plan.Count - 1}).");
                if (records[run] is not null) throw new InvalidOperationException($"{Path.GetFileName(file)}: run {run} appears twice.");
                records[run] = JsonSerializer.Deserialize<RunRecord>(line[(space + 1)..], RecordJson.Options);
            }
        var missing = Enumerable.Range(0, plan.Count).Where(r => records[r] is null).ToArray();
        if (missing.Length > 0) throw new InvalidOperationException($"'{design.Name}': runs {string.Join(",", missing)} are in no shard of '{directory}': run every shard first.");
        return design.WithClaims(plan.Assemble(records, records.Sum(r => r!.Seconds), $"the shards in '{directory}'"));
    }
}
