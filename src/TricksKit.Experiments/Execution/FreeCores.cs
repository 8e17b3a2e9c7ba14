namespace TricksKit.Experiments.Execution;

/// <summary>
/// The cores other processes leave free, read from the kernel's CPU counters (<c>/proc/stat</c>) over a short window:
/// the default parallelism of an experiment that runs alone. Reading the load is safe here, unlike for the thread count:
/// the parallelism only sets how many runs train at once, never what a run computes (tested byte for byte). Where
/// <c>/proc/stat</c> cannot be read (not Linux), every core counts as free.
/// </summary>
public static class FreeCores
{
    /// <summary>The counters' file.</summary>
    public const string StatFile = "/proc/stat";

    /// <summary>
    /// The free cores now: between 1 and <see cref="Environment.ProcessorCount"/>, from the machine's busy share over
    /// <paramref name="window"/> (default 250 ms).
    /// </summary>
    public static int Measure(TimeSpan? window = null)
    {
        int cores = Environment.ProcessorCount;
        var wait = window ?? TimeSpan.FromMilliseconds(250);
        if (wait <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window), window, "window must be positive.");
        if (!OperatingSystem.IsLinux() || !File.Exists(StatFile)) return cores;
        try
        {
            var before = File.ReadAllText(StatFile);
            Thread.Sleep(wait);
            return FromCounters(before, File.ReadAllText(StatFile), cores);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return cores;
        }
    }

    /// <summary>
    /// The free cores between two readings of <c>/proc/stat</c>: the machine's CPUs (its <c>cpuN</c> lines) times the
    /// idle share of the aggregate <c>cpu</c> line (idle + iowait over all time counted), rounded, and at most
    /// <paramref name="cores"/> (the cores this process may use); at least 1.
    /// </summary>
    public static int FromCounters(string before, string after, int cores)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (cores < 1) throw new ArgumentOutOfRangeException(nameof(cores), cores, "cores must be >= 1.");
        var (total0, idle0, _) = Parse(before, nameof(before));
        var (total1, idle1, cpus) = Parse(after, nameof(after));
        long total = total1 - total0, idle = idle1 - idle0;
        if (total <= 0 || idle < 0) return cores;
        int free = (int)Math.Round(Math.Max(cpus, 1) * (double)idle / total);
        return Math.Clamp(free, 1, cores);
    }

    private static (long Total, long Idle, int Cpus) Parse(string stat, string parameter)
    {
        var lines = stat.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var all = lines.FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            ?? throw new FormatException($"{parameter} has no aggregate 'cpu' line.");
        // user nice system idle iowait irq softirq steal [guest guest_nice: already counted in user and nice]
        var fields = all.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        if (fields.Length < 4) throw new FormatException($"{parameter}'s 'cpu' line has {fields.Length} counters, expected at least 4.");
        long idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        int cpus = lines.Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsDigit(l[3]));
        return (fields.Sum(), idle, cpus);
    }
}
