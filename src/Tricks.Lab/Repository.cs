namespace Tricks.Lab;

/// <summary>
/// This repository's layout, for the edges that default to its folders (the notebooks' and twins' settings, the
/// runner, the gallery, the tests): the root is the folder holding <see cref="Marker"/>.
/// </summary>
public static class Repository
{
    /// <summary>The file that marks the root.</summary>
    public const string Marker = "Tricks.sln";

    /// <summary>The root above <paramref name="from"/> (default the working directory), else above this assembly, or null (e.g. a copied notebook).</summary>
    public static string? TryFindRoot(string? from = null)
    {
        foreach (var start in new[] { from ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetDirectoryName(typeof(Repository).Assembly.Location) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, Marker))) return dir.FullName;
        }
        return null;
    }

    /// <summary>The root (<see cref="TryFindRoot"/>), or an error saying where it was looked for.</summary>
    public static string FindRoot(string? from = null) => TryFindRoot(from)
        ?? throw new DirectoryNotFoundException($"no {Marker} above '{from ?? Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}': run from inside the repository.");
}
