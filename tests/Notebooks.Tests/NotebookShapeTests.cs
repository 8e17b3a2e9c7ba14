using System.Diagnostics;
using System.Text.Json;
using Tricks.NotebookRunner;
using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>
/// What every notebook under notebooks/ must be, checked without running it: at least one F# code cell (with the
/// <c>#!fsharp</c> magic plain Jupyter needs), no code inside a markdown cell (it would never run), no outputs
/// committed, and a faithful round trip through the text form of <c>tools/nb.py</c>.
/// </summary>
public class NotebookShapeTests
{
    private static readonly string Root = Tricks.Lab.Repository.FindRoot();

    public static TheoryData<string> Notebooks() => NotebookTests.Notebooks();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Has_a_live_FSharp_cell_and_no_code_in_markdown(string notebook)
    {
        var shape = NotebookShape.Read(Path.Combine(Root, "notebooks", notebook));
        Assert.True(shape.FSharpCells > 0, $"{notebook}: no F# code cell");
        Assert.True(shape.FSharpCellsWithoutMagic == 0, $"{notebook}: an F# cell does not start with #!fsharp (plain Jupyter would run it as C#)");
        Assert.True(shape.MarkdownWithCode.Count == 0, $"{notebook}: markdown cell(s) {string.Join(", ", shape.MarkdownWithCode)} hold code, which never runs");
        Assert.True(!shape.HasOutputs, $"{notebook}: committed with outputs");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Round_trips_through_the_text_form(string notebook)
    {
        var path = Path.Combine(Root, "notebooks", notebook);
        var text = Python("--text", path);
        var temp = Path.Combine(Path.GetTempPath(), $"nb-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            File.WriteAllText(Path.Combine(temp, "nb.txt"), text);
            Python(Path.Combine(temp, "nb.txt"), Path.Combine(temp, "nb.ipynb"));
            Assert.Equal(File.ReadAllText(path), File.ReadAllText(Path.Combine(temp, "nb.ipynb")));
        }
        finally { Directory.Delete(temp, true); }
    }

    [Fact]
    public void The_text_form_refuses_code_in_a_markdown_cell_and_adds_the_FSharp_magic()
    {
        var temp = Path.Combine(Path.GetTempPath(), $"nb-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            File.WriteAllText(Path.Combine(temp, "bad.txt"), "#%% md\n## From F#\nF#%% csharp\n#r \"../artifacts/kit/TricksKit.dll\"\n");
            var (code, output) = PythonExit(Path.Combine(temp, "bad.txt"), Path.Combine(temp, "bad.ipynb"));
            Assert.NotEqual(0, code);
            Assert.Contains("holds code", output);
            Assert.False(File.Exists(Path.Combine(temp, "bad.ipynb")));

            File.WriteAllText(Path.Combine(temp, "good.txt"), "#%% md\n# T\n#%% fsharp\nprintfn \"hi\"\n");
            Python(Path.Combine(temp, "good.txt"), Path.Combine(temp, "good.ipynb"));
            var shape = NotebookShape.Read(Path.Combine(temp, "good.ipynb"));
            Assert.Equal(1, shape.FSharpCells);
            Assert.Equal(0, shape.FSharpCellsWithoutMagic);
        }
        finally { Directory.Delete(temp, true); }
    }

    private static string Python(params string[] args)
    {
        var (code, output) = PythonExit(args);
        Assert.True(code == 0, $"tools/nb.py {string.Join(" ", args)} failed: {output}");
        return output;
    }

    private static (int Code, string Output) PythonExit(params string[] args)
    {
        var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(Root, "tools", "nb.py"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }
}
