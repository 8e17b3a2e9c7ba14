namespace Tricks.Bench;

/// <summary>The benches' one summary of repeated timings.</summary>
internal static class BenchStats
{
    /// <summary>The median of <paramref name="v"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> v)
    {
        var s = v.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
