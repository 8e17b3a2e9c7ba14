using System.Globalization;
using System.Text.Json;

namespace TricksKit.Experiments.Execution;

/// <summary>
/// Splits a design's runs over machines and puts them back together. Shard <c>i</c> of <c>n</c> runs the runs
/// <see cref="RunPlan.Shard"/> gives it and writes their records to <c>NN-name.shard-i-of-n.jsonl</c>: a header line
/// (the design, mode and seeds it ran with) and one line per run. <see cref="Merge"/> reads every shard of a
/// directory, checks each against the merge's settings and each line's arm and seed against the plan, checks that each
/// run is there exactly once, and evaluates the claims on the assembled result, which equals a single run's (tested
/// byte for byte). Any mismatch or damaged line is an <see cref="InvalidDataException"/> naming the file and line.
/// Records are JSON lines whose doubles round-trip exactly.
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
        var lines = new List<string> { Header(design, settings, shard, of) };
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
        var want = RanWith(design, settings);
        var records = new RunRecord?[plan.Count];
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            int number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (number == 1)
                {
                    if (!line.StartsWith(HeaderPrefix, StringComparison.Ordinal))
                        throw new InvalidDataException($"{name}:1: not a shard file (no header line '{HeaderPrefix}...'): run the shards again with this version.");
                    var got = line[HeaderPrefix.Length..];
                    got = got[..Math.Max(0, got.LastIndexOf("; shard ", StringComparison.Ordinal))];
                    if (got != want) throw new InvalidDataException($"{name}:1: the shard ran with {got}, the merge has {want}: merge with the settings the shards ran with.");
                    continue;
                }
                if (line.Length == 0) continue;
                int space = line.IndexOf(' ');
                RunRecord? record = null;
                int run = -1;
                try
                {
                    if (space > 0 && int.TryParse(line.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out run))
                        record = JsonSerializer.Deserialize<RunRecord>(line[(space + 1)..], RecordJson.Options);
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"{name}:{number}: damaged record ({e.Message}).", e);
                }
                if (record is null) throw new InvalidDataException($"{name}:{number}: damaged line (expected 'RUN {{record JSON}}').");
                if (run >= plan.Count) throw new InvalidDataException($"{name}:{number}: run {run} is not a run of these settings (0..{plan.Count - 1}).");
                if (record.Arm != plan.ArmOf(run).Name || record.Seed != plan.SeedOf(run))
                    throw new InvalidDataException($"{name}:{number}: run {run} holds arm '{record.Arm}' seed {record.Seed}, the plan has arm '{plan.ArmOf(run).Name}' seed {plan.SeedOf(run)}.");
                if (records[run] is not null) throw new InvalidDataException($"{name}:{number}: run {run} appears twice.");
                records[run] = record;
            }
            if (number == 0) throw new InvalidDataException($"{name}: empty shard file.");
        }
        return design.WithClaims(plan.Assemble(records, records.Sum(r => r?.Seconds ?? 0), $"are in no shard of '{directory}': run every shard first"));
    }

    private const string HeaderPrefix = "# tricks shard: ";

    /// <summary>What a shard ran with, as its header says it and the merge checks it: the design, mode and seeds.</summary>
    private static string RanWith(ExperimentDesign design, ExperimentSettings settings) =>
        string.Create(CultureInfo.InvariantCulture, $"design {design.Name}, mode {settings.ModeName}, seeds {string.Join(",", settings.Seeds)}");

    /// <summary>The header line: what the shard ran with, and which shard it is.</summary>
    private static string Header(ExperimentDesign design, ExperimentSettings settings, int shard, int of) =>
        string.Create(CultureInfo.InvariantCulture, $"{HeaderPrefix}{RanWith(design, settings)}; shard {shard} of {of}");
}
