using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tricks.NotebookRunner;

/// <summary>
/// What a notebook's run depended on, as one hash, and what the run measured: kept beside the executed copy as
/// <c>NAME.run.json</c> after a run that succeeded, so the next <c>./build.sh run</c> can keep the executed notebook and
/// its results when nothing changed. The hash covers the notebook's bytes; the kit's build (<c>artifacts/kit/</c>: every
/// assembly by content, the native libraries under it by name and size); the notebook host (the tool manifest); the
/// data (every file of the data folders by name, size and modification time); and the settings that change numbers
/// (every <c>TRICKS_*</c> variable except those that only change speed, time limits or the browser).
/// </summary>
public sealed record RunStamp(string Hash, double Seconds, double PeakRssMb, string Commit, string? ResultsHash)
{
    /// <summary>Variables that change how fast or where, never what: left out of the hash.</summary>
    public static readonly IReadOnlySet<string> IgnoredVariables = new HashSet<string>(StringComparer.Ordinal)
        { "TRICKS_PARALLELISM", "TRICKS_NOTEBOOK_TIMEOUT", "TRICKS_CHROMIUM", "TRICKS_RESULTS_DIR" };

    /// <summary>The stamp file of <paramref name="name"/> in <paramref name="outputDir"/>.</summary>
    public static string PathOf(string outputDir, string name) => Path.Combine(outputDir, name + ".run.json");

    /// <summary>
    /// The hash of everything but the notebook (<see cref="Of"/> adds it): computed once per runner start.
    /// <paramref name="environment"/> defaults to the process's.
    /// </summary>
    public static string Inputs(string root, IReadOnlyList<string> dataPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) => sha.AppendData(Encoding.UTF8.GetBytes(s + "\n"));
        var kit = Path.Combine(root, "artifacts", "kit");
        if (Directory.Exists(kit))
            foreach (var f in Directory.GetFiles(kit, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                var rel = Path.GetRelativePath(kit, f);
                if (Path.GetDirectoryName(rel) is { Length: 0 } && (f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
                    Add($"kit {rel} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}");
                else Add($"kit {rel} {new FileInfo(f).Length}");
            }
        var tools = Path.Combine(root, ".config", "dotnet-tools.json");
        if (File.Exists(tools)) Add("tools " + File.ReadAllText(tools));
        foreach (var dir in dataPath.Where(Directory.Exists))
            foreach (var f in Directory.GetFiles(dir).OrderBy(f => f, StringComparer.Ordinal))
            {
                var info = new FileInfo(f);
                Add($"data {f} {info.Length} {info.LastWriteTimeUtc.Ticks}");
            }
        var env = environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        foreach (var (k, v) in env.Where(e => e.Key.StartsWith("TRICKS_", StringComparison.Ordinal) && !IgnoredVariables.Contains(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
            Add($"env {k}={v}");
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>The hash of <paramref name="notebook"/> given the <see cref="Inputs"/> hash.</summary>
    public static string Of(string notebook, string inputs) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(inputs + "\n" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(notebook))))));

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
    /// The stamp of <paramref name="name"/> when its run can be kept: made with this <paramref name="hash"/>, the
    /// executed notebook present, and its results JSON the very file that run wrote (a twin run may have replaced it).
    /// </summary>
    public static RunStamp? Reusable(string outputDir, string resultsDir, string name, string hash)
    {
        var stamp = Read(outputDir, name);
        if (stamp is null || stamp.Hash != hash || !File.Exists(Path.Combine(outputDir, name + ".ipynb"))) return null;
        return HashOf(Path.Combine(resultsDir, name + ".json")) == stamp.ResultsHash ? stamp : null;
    }
}
