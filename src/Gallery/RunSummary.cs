using System.Text.Json;

namespace Tricks.Gallery;

/// <summary>A claim as the results JSON records it.</summary>
public sealed record ClaimSummary(string Name, string Test, double? Observed, double? Threshold, string Comparison, bool Passed, string? ControlCompares, double? ControlObserved);

/// <summary>What the index shows of one notebook's run: mode, seeds and the claims with their verdicts (from its results JSON).</summary>
public sealed record RunSummary(string Trick, string Mode, IReadOnlyList<int> Seeds, IReadOnlyList<ClaimSummary> Claims)
{
    /// <summary>Reads a results JSON written by <c>ResultsJson.Write</c>.</summary>
    public static RunSummary Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var r = doc.RootElement;
        static double? Num(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        var claims = r.TryGetProperty("claims", out var cs) ? cs.EnumerateArray().Select(c => new ClaimSummary(
            c.GetProperty("name").GetString() ?? "", c.TryGetProperty("test", out var t) ? t.GetString() ?? "" : "",
            Num(c, "observed"), Num(c, "threshold"), c.TryGetProperty("comparison", out var cmp) ? cmp.GetString() ?? "" : "",
            c.GetProperty("passed").GetBoolean(),
            c.TryGetProperty("control", out var k) ? k.GetProperty("compares").GetString() : null,
            c.TryGetProperty("control", out var k2) ? Num(k2, "observed") : null)).ToArray() : Array.Empty<ClaimSummary>();
        return new RunSummary(r.GetProperty("trick").GetString() ?? "", r.GetProperty("mode").GetString() ?? "",
            r.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()).ToArray(), claims);
    }
}
