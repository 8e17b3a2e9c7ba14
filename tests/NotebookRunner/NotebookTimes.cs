using System.Text.Json;

namespace Tricks.NotebookRunner;

/// <summary>
/// Each notebook's wall time in the last run that executed it (<c>seconds.json</c> beside the executed notebooks), so
/// the next run can start the longest first: with N lanes, longest-first leaves the least idle tail. A missing or
/// unreadable file means no history (name order); it only changes the order, never what runs or its results.
/// </summary>
public static class NotebookTimes
{
    private const string File = "seconds.json";

    /// <summary>The recorded seconds by notebook name (empty when there is no history).</summary>
    public static IReadOnlyDictionary<string, double> Read(string directory)
    {
        var path = Path.Combine(directory, File);
        try
        {
            return System.IO.File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, double>>(System.IO.File.ReadAllText(path)) ?? new() : new();
        }
        catch (JsonException) { return new Dictionary<string, double>(); }
    }

    /// <summary>Adds <paramref name="seconds"/> to the history (replacing those notebooks' earlier times).</summary>
    public static void Write(string directory, IReadOnlyDictionary<string, double> seconds)
    {
        var all = new Dictionary<string, double>(Read(directory));
        foreach (var (name, s) in seconds) all[name] = Math.Round(s, 1);
        Directory.CreateDirectory(directory);
        System.IO.File.WriteAllText(Path.Combine(directory, File), JsonSerializer.Serialize(all.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value), new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Indices of <paramref name="names"/> in the order to start them: longest recorded time first, unknown ones after in name order.</summary>
    public static IReadOnlyList<int> LongestFirst(IReadOnlyList<string> names, IReadOnlyDictionary<string, double> history) =>
        Enumerable.Range(0, names.Count)
            .OrderByDescending(i => history.TryGetValue(names[i], out var s) ? s : -1)
            .ThenBy(i => names[i], StringComparer.Ordinal)
            .ToArray();
}
