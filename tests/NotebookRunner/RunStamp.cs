using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tricks.NotebookRunner;

/// <summary>
/// What a notebook's run depended on, as one hash, and what the run measured: kept beside the executed copy as
/// <c>NAME.run.json</c> after a run that succeeded, so the next <c>./build.sh run</c> can keep the executed notebook and
/// its results when nothing changed. The hash covers the notebook's bytes; the kit's build (<c>artifacts/kit/</c>: every
/// assembly by content, the native libraries under it by name and size, less the copies TorchSharp consolidates into
/// <c>cpu/</c> or <c>cuda-*/</c> on its first load in a notebook host); the notebook host (the tool manifest); the
/// data (every file of the data folders by name, size and modification time); and the settings that change numbers
/// (every <c>TRICKS_*</c> variable except those that only change speed, time limits or the browser), the CPU and the
/// kernels' variables (<see cref="TricksKit.CpuKernels"/>).
/// </summary>
public sealed record RunStamp(string Hash, double Seconds, double PeakRssMb, string Commit, string? ResultsHash)
{
    /// <summary>The inputs hashed, a line each ("kit TricksKit.dll 3F2A...", "env TRICKS_MODE=full"): what changed is named when a notebook reruns.</summary>
    public IReadOnlyList<string> Lines { get; init; } = Array.Empty<string>();

    /// <summary>Variables that change how fast or where, never what: left out of the hash.</summary>
    public static readonly IReadOnlySet<string> IgnoredVariables = new HashSet<string>(StringComparer.Ordinal)
        { "TRICKS_PARALLELISM", "TRICKS_NOTEBOOK_TIMEOUT", "TRICKS_CHROMIUM", "TRICKS_RESULTS_DIR" };

    /// <summary>The stamp file of <paramref name="name"/> in <paramref name="outputDir"/>.</summary>
    public static string PathOf(string outputDir, string name) => Path.Combine(outputDir, name + ".run.json");

    /// <summary>
    /// Every input but the notebook (<see cref="Of"/> adds it), a line each: computed once per runner start.
    /// <paramref name="environment"/> defaults to the process's.
    /// </summary>
    public static IReadOnlyList<string> Inputs(string root, IReadOnlyList<string> dataPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var lines = new List<string>();
        var kit = Path.Combine(root, "artifacts", "kit");
        if (Directory.Exists(kit))
            foreach (var f in Directory.GetFiles(kit, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                var rel = Path.GetRelativePath(kit, f);
                if (IsConsolidatedCopy(rel)) continue;
                if (Path.GetDirectoryName(rel) is { Length: 0 } && (f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
                    lines.Add($"kit {rel} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}");
                else lines.Add($"kit {rel} {new FileInfo(f).Length}");
            }
        var tools = Path.Combine(root, ".config", "dotnet-tools.json");
        if (File.Exists(tools)) lines.Add("tools " + HashOf(tools));
        foreach (var dir in dataPath.Where(Directory.Exists))
            foreach (var f in Directory.GetFiles(dir).OrderBy(f => f, StringComparer.Ordinal))
            {
                var info = new FileInfo(f);
                lines.Add($"data {f} {info.Length} {info.LastWriteTimeUtc.Ticks}");
            }
        var env = environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        foreach (var (k, v) in env.Where(e => e.Key.StartsWith("TRICKS_", StringComparison.Ordinal) && !IgnoredVariables.Contains(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
            lines.Add($"env {k}={v}");
        // The CPU and the kernels' variables: a result made on another CPU, or with other kernels, is not reused.
        lines.Add($"cpu {TricksKit.CpuKernels.Cpu}");
        var kernels = TricksKit.Experiments.ExperimentSettings.KernelsFromEnvironment(k => env.GetValueOrDefault(k)) ?? TricksKit.KernelDispatch.Pinned;
        var pinned = TricksKit.CpuKernels.Environment(kernels);
        lines.Add($"kernels {TricksKit.CpuKernels.NameOf(kernels)} " + string.Join(" ", TricksKit.CpuKernels.Pinning.Keys.Order(StringComparer.Ordinal)
            .Select(k => $"{k}={(env.GetValueOrDefault(k) is { Length: > 0 } set ? set : pinned.GetValueOrDefault(k, ""))}")));
        return lines;
    }

    /// <summary>
    /// Whether <paramref name="kitRelative"/> is under the folder TorchSharp's <c>LoadNativeBackend</c> fills on the first
    /// load in a notebook host (<c>cpu/</c>, <c>cuda-VERSION/</c>: copies of <c>runtimes/</c>): a first run would otherwise
    /// change the inputs of the second.
    /// </summary>
    public static bool IsConsolidatedCopy(string kitRelative)
    {
        var top = kitRelative.Split(Path.DirectorySeparatorChar, 2);
        return top.Length == 2 && (top[0] == "cpu" || top[0].StartsWith("cuda-", StringComparison.Ordinal));
    }

    /// <summary>The inputs of <paramref name="notebook"/>: its own hash, then <paramref name="inputs"/>.</summary>
    public static IReadOnlyList<string> Of(string notebook, IReadOnlyList<string> inputs) => new[] { $"notebook {HashOf(notebook)}" }.Concat(inputs).ToArray();

    /// <summary>The hash of the input lines.</summary>
    public static string HashLines(IReadOnlyList<string> lines) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))));

    /// <summary>Why a kept run cannot be reused for <paramref name="lines"/>: the first input that changed, or null when none did.</summary>
    public string? Changed(IReadOnlyList<string> lines)
    {
        if (HashLines(lines) == Hash) return null;
        var before = new HashSet<string>(Lines, StringComparer.Ordinal);
        var now = new HashSet<string>(lines, StringComparer.Ordinal);
        var added = lines.FirstOrDefault(l => !before.Contains(l));
        var removed = Lines.FirstOrDefault(l => !now.Contains(l));
        return added is not null ? $"changed: {Short(added)}" : removed is not null ? $"gone: {Short(removed)}" : "the inputs changed";
    }

    private static string Short(string line) => line.Length > 90 ? line[..90] + "..." : line;

    /// <summary>The stamp kept for <paramref name="name"/>, or null when there is none or it cannot be read.</summary>
    public static RunStamp? Read(string outputDir, string name)
    {
        var file = PathOf(outputDir, name);
        if (!File.Exists(file)) return null;
        try { return JsonSerializer.Deserialize<RunStamp>(File.ReadAllText(file)); }
        catch (JsonException) { return null; }
    }

    /// <summary>Writes the stamp for <paramref name="name"/> (atomically).</summary>
    public void Write(string outputDir, string name) =>
        TricksKit.AtomicFile.WriteAllText(PathOf(outputDir, name), JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>The SHA-256 of a file, or null when it does not exist.</summary>
    public static string? HashOf(string file) => File.Exists(file) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))) : null;

    /// <summary>
    /// The stamp of <paramref name="name"/> when its run can be kept (made from these input <paramref name="lines"/>,
    /// the executed notebook present, its results JSON the very file that run wrote: a twin run may have replaced it);
    /// otherwise null and why not.
    /// </summary>
    public static (RunStamp? Stamp, string Why) Reusable(string outputDir, string resultsDir, string name, IReadOnlyList<string> lines)
    {
        var stamp = Read(outputDir, name);
        if (stamp is null) return (null, "no earlier run");
        if (stamp.Changed(lines) is { } why) return (null, why);
        if (!File.Exists(Path.Combine(outputDir, name + ".ipynb"))) return (null, "no executed copy");
        return HashOf(Path.Combine(resultsDir, name + ".json")) == stamp.ResultsHash ? (stamp, "") : (null, "its results JSON was replaced");
    }
}
