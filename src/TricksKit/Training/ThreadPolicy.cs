using System.Globalization;

namespace TricksKit;

/// <summary>
/// How many libtorch threads the kit uses, chosen on measurement (README "Threads"; <c>./build.sh bench</c>). On this
/// 2-core class of machine 2 threads make a CNN step about 1.4x faster when nothing else runs, but with one other
/// busy process they are 3.5x slower than 1 thread (OpenMP spinning). No fixed count wins both, so by default the kit
/// measures: it reads the CPU time of the whole machine and of its own process (<c>/proc/stat</c>,
/// <c>/proc/self/stat</c>) and gives libtorch the cores that others leave free, between 1 and 2; the training loop
/// re-checks at every epoch. The thread count does not change the numbers (tested bit for bit), so this keeps runs
/// reproducible. <c>TRICKS_THREADS</c> or <c>Kit.Init(threads)</c> fix the count instead.
/// </summary>
public static class ThreadPolicy
{
    /// <summary>The most threads the automatic policy gives (measured: more buys nothing on 2 cores).</summary>
    public const int MaxAutomatic = 2;

    /// <summary>The count set by the <c>TRICKS_THREADS</c> environment variable, or null when unset.</summary>
    public static int? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("TRICKS_THREADS");
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!int.TryParse(text, out var n) || n < 1)
            throw new ArgumentException($"TRICKS_THREADS must be a whole number >= 1, got '{text}'.", "TRICKS_THREADS");
        return n;
    }

    /// <summary>Measures the machine's load over <paramref name="sample"/> (default 100 ms) and returns the thread count to use.</summary>
    public static int Choose(TimeSpan? sample = null)
    {
        var a = CpuSnapshot.Read();
        if (a is null) return 1;
        Thread.Sleep(sample ?? TimeSpan.FromMilliseconds(100));
        return FromLoad(a, CpuSnapshot.Read());
    }

    /// <summary>The thread count for the load seen between two snapshots: the cores others leave free, in [1, 2].</summary>
    public static int FromLoad(CpuSnapshot? before, CpuSnapshot? after)
    {
        if (before is null || after is null) return 1;
        double others = OtherBusyCores(before, after);
        int cores = Environment.ProcessorCount;
        return Math.Clamp((int)Math.Floor(cores - others + 0.5), 1, Math.Min(MaxAutomatic, cores));
    }

    /// <summary>How many cores' worth of CPU time processes other than this one used between two snapshots.</summary>
    public static double OtherBusyCores(CpuSnapshot before, CpuSnapshot after)
    {
        long total = after.Total - before.Total;
        if (total <= 0) return 0;
        long busy = (after.Total - after.Idle) - (before.Total - before.Idle);
        long self = after.Self - before.Self;
        return Math.Max(0, (double)(busy - self) / total * Environment.ProcessorCount);
    }
}

/// <summary>Cumulative CPU jiffies of the machine (total, idle) and of this process, from /proc (Linux only).</summary>
public sealed record CpuSnapshot(long Total, long Idle, long Self)
{
    /// <summary>Reads /proc/stat and /proc/self/stat, or returns null where they do not exist.</summary>
    public static CpuSnapshot? Read()
    {
        try
        {
            if (!File.Exists("/proc/stat")) return null;
            var cpu = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            long total = cpu.Take(8).Sum(); // user nice system idle iowait irq softirq steal
            long idle = cpu[3] + (cpu.Length > 4 ? cpu[4] : 0);
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long self = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime stime
            return new CpuSnapshot(total, idle, self);
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
