using Tricks.NotebookRunner;
using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>The runner refuses what it cannot run before running anything, naming the file and what to do.</summary>
public class RunnerInputTests
{
    [Fact]
    public void A_missing_a_garbage_or_an_outside_notebook_is_named_before_anything_runs()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"tricks-{Guid.NewGuid():N}.ipynb");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => NotebookExecutor.Check(missing)).Message);
        var dir = Directory.CreateTempSubdirectory("tricks-runner-").FullName;
        try
        {
            var garbage = Path.Combine(dir, "garbage.ipynb");
            File.WriteAllText(garbage, "not json at all");
            Assert.Contains("not a notebook", Assert.Throws<InvalidDataException>(() => NotebookExecutor.Check(garbage)).Message);
            var outside = Path.Combine(dir, "outside.ipynb");
            File.WriteAllText(outside, "{\"cells\": []}");
            Assert.Contains("outside the repository", Assert.Throws<InvalidOperationException>(() => NotebookExecutor.Check(outside)).Message);
            NotebookExecutor.Check(Path.Combine(Tricks.Lab.Repository.FindRoot(), "notebooks", "00-tour.ipynb"));   // a real one passes
        }
        finally { Directory.Delete(dir, true); }
    }
}
