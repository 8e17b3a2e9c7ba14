namespace Tricks.NotebookRunner;

/// <summary>An error output of one cell: <paramref name="Cell"/> is the 1-based index among all cells of the notebook.</summary>
public sealed record CellError(int Cell, int CodeCell, string Text);

/// <summary>The outcome of executing one notebook.</summary>
public sealed record NotebookResult(
    string Name,
    string SourcePath,
    string? ExecutedPath,
    double Seconds,
    IReadOnlyList<CellError> Errors,
    bool TimedOut,
    int ExitCode,
    string ProcessOutput,
    ClaimSummary? Claims,
    NotebookSize? Size = null,
    double PeakRssMb = 0)
{
    /// <summary>The commit the notebook ran at (empty when not known).</summary>
    public string Commit { get; init; } = "";

    public bool Succeeded => !TimedOut && Errors.Count == 0 && ExitCode == 0 && ExecutedPath is not null;

    /// <summary>A failure message naming the notebook, the cell and the error text.</summary>
    public string Describe()
    {
        if (Succeeded) return $"{Name}: ok";
        if (TimedOut) return $"{Name}: timed out after {Seconds:F0} s (raise TRICKS_NOTEBOOK_TIMEOUT, or make the quick mode faster)";
        if (Errors.Count > 0)
            return string.Join("\n", Errors.Select(e => $"{Name}: cell {e.Cell} (code cell {e.CodeCell}) failed: {e.Text}"));
        return $"{Name}: dotnet-repl exited with code {ExitCode} and wrote {(ExecutedPath is null ? "no notebook" : "no cell error")}. Output:\n{ProcessOutput}";
    }
}

/// <summary>How many of a notebook's claims passed (held, with their control not holding), from its results JSON.</summary>
public sealed record ClaimSummary(int Held, int Total)
{
    public override string ToString() => $"{Held}/{Total}";
}
