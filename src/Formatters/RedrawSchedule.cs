namespace TricksKit.Formatters;

/// <summary>
/// When a live display may redraw. A host that replaces a display in place (VS Code's Polyglot Notebooks) redraws
/// every <see cref="Interval"/>. A host that appends every update as a new output (dotnet-repl, Jupyter exports, the
/// gallery) gets a schedule whose gaps grow with the elapsed time (each redraw at least 1.5x the previous one's time)
/// and a hard cap, so a run of any length leaves at most <see cref="MaxOutputs"/> outputs: the first display, the
/// redraws and the final line.
/// </summary>
public sealed class RedrawSchedule
{
    /// <summary>The most outputs an appending host gets from one live display, the first and the final one included.</summary>
    public const int MaxOutputs = 30;

    /// <summary>How much later than the previous redraw an appending host redraws: the gaps grow with elapsed time.</summary>
    public const double Growth = 1.5;

    private TimeSpan last;

    /// <summary>A schedule for a host that replaces in place (<paramref name="inPlace"/>) or appends.</summary>
    public RedrawSchedule(bool inPlace, TimeSpan? interval = null)
    {
        var i = interval ?? TimeSpan.FromSeconds(1);
        if (i < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), i, "interval must be >= 0.");
        InPlace = inPlace;
        Interval = i;
    }

    /// <summary>True when the host replaces the display in place.</summary>
    public bool InPlace { get; }

    /// <summary>The shortest gap between two redraws.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Outputs so far: the first display counts as one.</summary>
    public int Outputs { get; private set; } = 1;

    /// <summary>
    /// True when a progress redraw is due at <paramref name="elapsed"/> (and counts it). An appending host keeps one
    /// output in reserve for the final line.
    /// </summary>
    public bool Due(TimeSpan elapsed)
    {
        if (elapsed - last < Interval) return false;
        if (!InPlace)
        {
            if (Outputs >= MaxOutputs - 1) return false;
            if (elapsed.Ticks < last.Ticks * Growth) return false;
        }
        last = elapsed;
        Outputs++;
        return true;
    }

    /// <summary>Counts the final redraw (always shown).</summary>
    public void Final() => Outputs++;
}
