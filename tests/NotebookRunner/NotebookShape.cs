using System.Text.Json;

namespace Tricks.NotebookRunner;

/// <summary>
/// The cells of a notebook as the tests check them: F# code cells (by the Polyglot kernel metadata), whether each
/// starts with the <c>#!fsharp</c> magic, markdown cells that hold code (which never runs), whether outputs are saved,
/// and, in an executed copy, how many F# cells produced output.
/// </summary>
public sealed record NotebookShape(int FSharpCells, int FSharpCellsWithoutMagic, int FSharpCellsWithOutput, IReadOnlyList<int> MarkdownWithCode, bool HasOutputs)
{
    private static readonly System.Text.RegularExpressions.Regex CodeLine = new(
        @"^\s*(#r\s+""|#!\w|.*%%\s*(csharp|fsharp|md)\b|using\s+[A-Z]\w*(\.\w+)*\s*;|open\s+[A-Z]\w*\s*$|let\s+\w+\s*=)",
        System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>The text/plain outputs of every code cell, in order.</summary>
    public static IReadOnlyList<string> TextOutputs(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var texts = new List<string>();
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (!cell.TryGetProperty("outputs", out var outputs)) continue;
            foreach (var o in outputs.EnumerateArray())
            {
                if (o.TryGetProperty("data", out var data) && data.TryGetProperty("text/plain", out var t)) texts.Add(Join(t));
                else if (o.TryGetProperty("text", out var s)) texts.Add(Join(s));
            }
        }
        return texts;
    }

    private static string Join(JsonElement e) => e.ValueKind == JsonValueKind.Array ? string.Concat(e.EnumerateArray().Select(l => l.GetString())) : e.GetString() ?? "";

    /// <summary>Reads a notebook (.ipynb).</summary>
    public static NotebookShape Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        int fs = 0, noMagic = 0, withOutput = 0, index = 0;
        bool outputs = false;
        var markdownWithCode = new List<int>();
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            index++;
            var source = cell.TryGetProperty("source", out var s)
                ? s.ValueKind == JsonValueKind.Array ? string.Concat(s.EnumerateArray().Select(l => l.GetString())) : s.GetString() ?? ""
                : "";
            var type = cell.GetProperty("cell_type").GetString();
            if (type == "markdown")
            {
                bool fence = false;
                foreach (var line in source.Split('\n'))
                {
                    if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { fence = !fence; continue; }
                    if (!fence && CodeLine.IsMatch(line)) { markdownWithCode.Add(index); break; }
                }
                continue;
            }
            bool hasOutput = cell.TryGetProperty("outputs", out var o) && o.GetArrayLength() > 0;
            outputs |= hasOutput;
            bool fsharp = cell.TryGetProperty("metadata", out var m) && m.TryGetProperty("polyglot_notebook", out var pn)
                && pn.TryGetProperty("kernelName", out var k) && k.GetString() == "fsharp";
            if (!fsharp) continue;
            fs++;
            if (!source.StartsWith("#!fsharp", StringComparison.Ordinal)) noMagic++;
            if (hasOutput) withOutput++;
        }
        return new NotebookShape(fs, noMagic, withOutput, markdownWithCode, outputs);
    }
}
