namespace TricksKit;

/// <summary>Finds the repository (the folder holding Tricks.sln) and its artifacts folder.</summary>
public static class RepoPaths
{
    /// <summary>The repository root above the working directory or above the kit's assembly, or null.</summary>
    public static string? TryFindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetDirectoryName(typeof(RepoPaths).Assembly.Location) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Tricks.sln"))) return dir.FullName;
        }
        return null;
    }

    /// <summary>Where results JSON goes: <c>TRICKS_RESULTS_DIR</c>, else <c>artifacts/results</c> in the repository (or the working directory).</summary>
    public static string ResultsDirectory()
    {
        var env = Environment.GetEnvironmentVariable("TRICKS_RESULTS_DIR");
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        return Path.Combine(TryFindRoot() ?? Directory.GetCurrentDirectory(), "artifacts", "results");
    }
}
