using System.Diagnostics;

namespace Tricks.NotebookRunner;

/// <summary>The commit a run came from, for the claims table: the full hash, and "+ uncommitted changes" when the work tree differs.</summary>
public static class GitCommit
{
    /// <summary>The checkout's commit at <paramref name="root"/>, or "unknown (not a git checkout)".</summary>
    public static string Describe(string root)
    {
        var head = Git(root, "rev-parse HEAD");
        if (head is null) return "unknown (not a git checkout)";
        return Git(root, "status --porcelain --untracked-files=no") is { Length: > 0 } ? $"{head} + uncommitted changes" : head;
    }

    private static string? Git(string root, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }
}
