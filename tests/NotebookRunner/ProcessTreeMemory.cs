using System.Globalization;

namespace Tricks.NotebookRunner;

/// <summary>
/// The peak resident memory of a process and all its descendants (the notebook host, dotnet-repl's kernel, the
/// experiment's worker processes), sampled from /proc every 500 ms while it runs. Linux only; elsewhere it reads 0.
/// </summary>
public sealed class ProcessTreeMemory : IDisposable
{
    private readonly int root;
    private readonly Timer timer;
    private long peakKb;

    /// <summary>Starts sampling the tree under <paramref name="rootPid"/>.</summary>
    public ProcessTreeMemory(int rootPid)
    {
        root = rootPid;
        timer = new Timer(_ => Sample(), null, 0, 500);
    }

    /// <summary>The highest total seen, in MB.</summary>
    public double PeakMb => Interlocked.Read(ref peakKb) / 1024.0;

    /// <summary>The resident memory of the tree now, in kB (0 off Linux).</summary>
    public static long TreeKb(int rootPid)
    {
        if (!Directory.Exists("/proc")) return 0;
        var parent = new Dictionary<int, int>();
        var rss = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(dir, "status")))
                {
                    if (line.StartsWith("PPid:", StringComparison.Ordinal)) parent[pid] = int.Parse(line[5..].Trim(), CultureInfo.InvariantCulture);
                    else if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss[pid] = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException) { }            // the process ended while we read it
            catch (UnauthorizedAccessException) { }
        }
        long total = 0;
        foreach (var (pid, kb) in rss)
            for (int p = pid, guard = 0; guard < 64; guard++)
            {
                if (p == rootPid) { total += kb; break; }
                if (!parent.TryGetValue(p, out p) || p <= 1) break;
            }
        return total;
    }

    private void Sample()
    {
        long now = TreeKb(root);
        for (long seen = Interlocked.Read(ref peakKb); now > seen; seen = Interlocked.Read(ref peakKb))
            if (Interlocked.CompareExchange(ref peakKb, now, seen) == seen) break;
    }

    public void Dispose()
    {
        timer.Dispose();
    }
}
