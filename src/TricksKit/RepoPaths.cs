namespace TricksKit;

/// <summary>Finds the repository (the folder holding Tricks.sln), for the edges that default to its folders (<see cref="ExperimentSettings.FromEnvironment"/>, scripts, the worker look-up).</summary>
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
}
