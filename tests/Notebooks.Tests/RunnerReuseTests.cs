using System.Text.Json;
using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>
/// The main job reruns only stale notebooks: a second run with nothing changed keeps every executed copy, a changed
/// notebook reruns alone, <c>--force</c> reruns all (the runner as a process, on two small notebooks of its own).
/// </summary>
[Collection(KitBuildCollection.Name)]   // not while a twin rebuilds artifacts/kit/ (ScriptTwinTests)
public class RunnerReuseTests
{
    private static readonly string Root = Tricks.Lab.Repository.FindRoot();

    private static string Notebook(string title, params string[] code) => JsonSerializer.Serialize(new
    {
        nbformat = 4, nbformat_minor = 5, metadata = new { },
        cells = new object[] { new { cell_type = "markdown", metadata = new { }, source = new[] { $"# {title}" } } }
            .Concat(code.Select(c => (object)new Dictionary<string, object>
            {
                ["cell_type"] = "code", ["execution_count"] = 0, ["outputs"] = Array.Empty<object>(), ["source"] = new[] { c },
                ["metadata"] = new { polyglot_notebook = new { kernelName = "csharp" } },
            })).ToArray(),
    });

    /// <summary>The status column of each notebook's line.</summary>
    private static Dictionary<string, string> Run(string outDir, IEnumerable<string> notebooks, params string[] flags)
    {
        var args = new List<string> { Path.Combine(AppContext.BaseDirectory, "NotebookRunner.dll"), "--out", outDir, "--jobs", "1" };
        args.AddRange(flags);
        args.AddRange(notebooks);
        var output = DotnetCli.Run(Root, TimeSpan.FromMinutes(5), args.ToArray());
        return output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 6 && w[0].StartsWith("reuse-", StringComparison.Ordinal) && double.TryParse(w[1], System.Globalization.CultureInfo.InvariantCulture, out _)).ToDictionary(w => w[0], w => string.Join(" ", w.Skip(5)));
    }

    [Fact]
    public void A_second_run_reuses_every_notebook_a_changed_one_reruns_alone_and_force_reruns_all()
    {
        // Under the repository (dotnet-repl is its local tool), outside notebooks/.
        var dir = Path.Combine(Root, "artifacts", "test-fixtures", $"reuse-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var a = Path.Combine(dir, "reuse-a.ipynb");
            var b = Path.Combine(dir, "reuse-b.ipynb");
            File.WriteAllText(a, Notebook("A", "1 + 1"));
            File.WriteAllText(b, Notebook("B", "2 + 2"));
            var outDir = Path.Combine(dir, "out");
            var first = Run(outDir, new[] { a, b });
            Assert.Equal(new[] { "ok", "ok" }, new[] { first["reuse-a"], first["reuse-b"] });
            var second = Run(outDir, new[] { a, b });
            Assert.Equal(new[] { "reused", "reused" }, new[] { second["reuse-a"], second["reuse-b"] });
            Assert.Contains("reused", File.ReadAllText(Path.Combine(outDir, "site", "times.html")));
            File.WriteAllText(b, Notebook("B", "2 + 2", "3 + 3"));
            var third = Run(outDir, new[] { a, b });
            Assert.Equal("reused", third["reuse-a"]);
            Assert.StartsWith("ok (rerun: changed: notebook ", third["reuse-b"]);   // what changed is named
            var forced = Run(outDir, new[] { a, b }, "--force");
            Assert.Equal(new[] { "ok", "ok" }, new[] { forced["reuse-a"], forced["reuse-b"] });
        }
        finally { Directory.Delete(dir, true); }
    }
}
