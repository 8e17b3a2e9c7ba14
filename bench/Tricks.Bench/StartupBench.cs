using System.Text.Json;
using Tricks.NotebookRunner;
using TricksKit;

namespace Tricks.Bench;

/// <summary>
/// The notebook host's start-up, measured with the runner (dotnet-repl, headless): an empty notebook, one with the
/// kit's set-up cell, and one with the set-up cell and a first F# cell. Median of three runs each.
/// </summary>
internal static class StartupBench
{
    public static List<Dictionary<string, object>> Run(string root)
    {
        // Beside artifacts/kit/, so the set-up cell's #r "../../kit/..." resolves as a notebook's "../artifacts/kit/..." does.
        var dir = Path.Combine(root, "artifacts", "bench", "notebooks");
        Directory.CreateDirectory(dir);
        const string setup = "#r \"../../kit/TorchSharp.dll\"\n#r \"../../kit/TricksKit.dll\"\n#r \"../../kit/Tricks.Formatters.dll\"\nusing TricksKit.Formatters;\nTricksNotebook.Setup()";
        const string fsharp = "#!fsharp\n#r \"../../kit/TorchSharp.dll\"\n#r \"../../kit/TricksKit.dll\"\nprintfn \"%d\" (TricksKit.Schedules.Constant(0.1).Take(3) |> Seq.length)";
        var cases = new (string Name, string[] Cells)[]
        {
            ("empty notebook (one C# cell: 1 + 1)", new[] { "1 + 1" }),
            ("kit set-up cell", new[] { setup }),
            ("kit set-up cell + first F# cell", new[] { setup, fsharp }),
        };
        var rows = new List<Dictionary<string, object>>();
        foreach (var (name, cells) in cases)
        {
            var path = Path.Combine(dir, $"startup-{cells.Length}-{(cells[0] == setup ? "kit" : "empty")}.ipynb");
            File.WriteAllText(path, Notebook(cells));
            var times = new List<double>();
            for (int r = 0; r < 3; r++)
            {
                var result = NotebookExecutor.Run(path, Path.Combine(dir, "executed"), parallelism: 1);
                if (!result.Succeeded) throw new InvalidOperationException($"start-up notebook '{name}' failed: {result.Describe()}");
                times.Add(result.Seconds);
            }
            double median = times.OrderBy(t => t).ElementAt(1);
            rows.Add(new() { ["notebook"] = name, ["median_s"] = Math.Round(median, 2), ["runs_s"] = times.Select(t => Math.Round(t, 2)).ToArray() });
            Console.WriteLine($"host start-up  {name,-36} median {median,6:F2} s  ({string.Join(", ", times.Select(t => t.ToString("F2")))})");
        }
        return rows;
    }

    private static string Notebook(IEnumerable<string> cells) => JsonSerializer.Serialize(new
    {
        nbformat = 4, nbformat_minor = 5,
        metadata = new { kernelspec = new { display_name = ".NET (C#)", language = "C#", name = ".net-csharp" } },
        cells = cells.Select(c => new Dictionary<string, object>
        {
            ["cell_type"] = "code", ["execution_count"] = null!, ["outputs"] = Array.Empty<object>(), ["source"] = new[] { c },
            ["metadata"] = new { polyglot_notebook = new { kernelName = c.StartsWith("#!fsharp", StringComparison.Ordinal) ? "fsharp" : "csharp" } },
        }).ToArray(),
    });
}
