using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Tricks.NotebookRunner;

/// <summary>
/// Runs a notebook headless with dotnet-repl (the repository's pinned local tool), from the notebook's own folder as
/// VS Code does, saves the executed copy with its outputs, and collects every cell error.
/// </summary>
public static class NotebookExecutor
{
    /// <summary>
    /// The per-notebook time limit: <c>TRICKS_NOTEBOOK_TIMEOUT</c> seconds; by default 600, and 3,600 under
    /// <c>TRICKS_MODE=full</c> (at 600 s the full-mode dropout and ReLU notebooks were stopped on this 2-core machine).
    /// </summary>
    public static TimeSpan DefaultTimeout()
    {
        var text = Environment.GetEnvironmentVariable("TRICKS_NOTEBOOK_TIMEOUT");
        if (int.TryParse(text, out var s) && s > 0) return TimeSpan.FromSeconds(s);
        return TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("TRICKS_MODE") == "full" ? 3600 : 600);
    }

    /// <summary>Every notebook under <c>notebooks/</c>, sorted by name.</summary>
    public static IReadOnlyList<string> Discover(string root) =>
        Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").OrderBy(p => p, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Executes <paramref name="notebook"/>, writing the executed copy to <paramref name="outputDir"/>. A host that dies
    /// by a signal within its first 30 s without writing a notebook (seen once here: exit 135 when two dotnet-repl
    /// processes started together) is started once more; a second such death is reported. <paramref name="parallelism"/>
    /// (default: the cores) is how many of its experiment's runs may train at once (<c>TRICKS_PARALLELISM</c>, unless the
    /// caller's environment sets it); the numbers are the same for any value.
    /// </summary>
    public static NotebookResult Run(string notebook, string outputDir, TimeSpan? timeout = null, string? resultsDir = null, int? parallelism = null)
    {
        var first = RunOnce(notebook, outputDir, timeout, resultsDir, parallelism);
        bool crashedAtStart = first.ExecutedPath is null && !first.TimedOut && first.ExitCode > 128 && first.Seconds < 30;
        return crashedAtStart ? RunOnce(notebook, outputDir, timeout, resultsDir, parallelism) : first;
    }

    /// <summary>
    /// Checks before running that <paramref name="notebook"/> exists, is a notebook (JSON with a <c>cells</c> array) and
    /// lies under a folder with the repository's tool manifest (dotnet-repl is a local tool of the repository); the
    /// error names the file and what to do.
    /// </summary>
    public static void Check(string notebook)
    {
        var full = Path.GetFullPath(notebook);
        if (!File.Exists(full)) throw new FileNotFoundException($"notebook not found: {full}", full);
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(full));
            if (doc.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object || !doc.RootElement.TryGetProperty("cells", out var cells)
                || cells.ValueKind != System.Text.Json.JsonValueKind.Array)
                throw new InvalidDataException($"{full}: not a notebook (no \"cells\" array).");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{full}: not a notebook (not JSON: {e.Message}).", e);
        }
        for (var d = new DirectoryInfo(Path.GetDirectoryName(full)!); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, ".config", "dotnet-tools.json"))) return;
        throw new InvalidOperationException($"{full} is outside the repository: dotnet-repl is a local tool of the repository (.config/dotnet-tools.json); copy the notebook under notebooks/.");
    }

    private static NotebookResult RunOnce(string notebook, string outputDir, TimeSpan? timeout, string? resultsDir, int? parallelism)
    {
        notebook = Path.GetFullPath(notebook);
        Check(notebook);
        var name = Path.GetFileNameWithoutExtension(notebook);
        Directory.CreateDirectory(outputDir);
        var executed = Path.Combine(Path.GetFullPath(outputDir), name + ".ipynb");
        var partial = executed + ".partial";
        File.Delete(partial);
        var limit = timeout ?? DefaultTimeout();

        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(notebook)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "tool", "run", "dotnet-repl", "--", "--run", notebook, "--exit-after-run", "--output-format", "ipynb", "--output-path", partial })
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // A larger gen-0 budget (64 MiB) makes collections rare, which narrows the window in which TorchSharp 0.107 can
        // finalize an implicitly created Scalar while libtorch reads it (see Optimizers); the kit's own paths avoid it.
        if (!psi.Environment.ContainsKey("DOTNET_GCgen0size")) psi.Environment["DOTNET_GCgen0size"] = "0x4000000";
        // One malloc arena: the kernel trains on a pool thread, whose own arena would cost it half its speed (Kit.HostEnvironment).
        foreach (var (k, v) in TricksKit.Kit.HostEnvironment)
            if (!psi.Environment.ContainsKey(k)) psi.Environment[k] = v;
        // The kernels pinned in the host's environment before it starts, so that libtorch reads them whatever a cell does
        // first (CpuKernels); TRICKS_KERNELS=native leaves each library its own choice.
        foreach (var (k, v) in TricksKit.CpuKernels.Environment(TricksKit.Experiments.ExperimentSettings.KernelsFromEnvironment() ?? TricksKit.KernelDispatch.Pinned))
            if (!psi.Environment.ContainsKey(k)) psi.Environment[k] = v;
        if (resultsDir is not null) psi.Environment["TRICKS_RESULTS_DIR"] = Path.GetFullPath(resultsDir);
        if (!psi.Environment.ContainsKey("TRICKS_PARALLELISM"))
            psi.Environment["TRICKS_PARALLELISM"] = Math.Max(1, parallelism ?? Environment.ProcessorCount).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        using var memory = new ProcessTreeMemory(process.Id);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool timedOut = !process.WaitForExit(limit);
        if (timedOut)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
        }
        else process.WaitForExit(); // drain the output
        double seconds = clock.Elapsed.TotalSeconds;

        string? executedPath = null;
        IReadOnlyList<CellError> errors = Array.Empty<CellError>();
        if (File.Exists(partial))
        {
            errors = ReadErrors(partial);
            File.Move(partial, executed, overwrite: true);
            executedPath = executed;
        }
        string tail;
        lock (output) tail = Tail(StripAnsi(output.ToString()), 4000);
        return new NotebookResult(name, notebook, executedPath, seconds, errors, timedOut,
            timedOut ? -1 : process.ExitCode, tail, ReadClaims(resultsDir ?? Path.Combine(Tricks.Lab.Repository.FindRoot(Path.GetDirectoryName(notebook)), "artifacts", "results"), name),
            executedPath is null ? null : NotebookSize.Measure(executedPath), memory.PeakMb);
    }

    /// <summary>The error outputs of an executed notebook, with the 1-based cell number.</summary>
    public static IReadOnlyList<CellError> ReadErrors(string executedNotebook)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(executedNotebook));
        var errors = new List<CellError>();
        int index = 0, code = 0;
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            index++;
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            code++;
            if (!cell.TryGetProperty("outputs", out var outputs)) continue;
            foreach (var o in outputs.EnumerateArray())
            {
                if (o.GetProperty("output_type").GetString() != "error") continue;
                var text = o.TryGetProperty("evalue", out var v) ? v.GetString() ?? "" : "";
                if (text.Length == 0 && o.TryGetProperty("ename", out var en)) text = en.GetString() ?? "";
                errors.Add(new CellError(index, code, FirstLines(text, 12)));
            }
        }
        return errors;
    }

    /// <summary>Claims passed / total from the notebook's results JSON (<see cref="TricksKit.Experiments.ResultsJson.Read"/>), when it wrote one.</summary>
    public static ClaimSummary? ReadClaims(string resultsDir, string notebookName)
    {
        var file = Path.Combine(resultsDir, notebookName + ".json");
        if (!File.Exists(file)) return null;
        var claims = TricksKit.Experiments.ResultsJson.Read(file).Claims;
        return new ClaimSummary(claims.Count(c => c.Passed), claims.Count);
    }

    private static string FirstLines(string text, int lines) =>
        string.Join("\n", text.Split('\n').Take(lines)).Trim();

    private static string Tail(string text, int chars) => text.Length <= chars ? text : "..." + text[^chars..];

    private static string StripAnsi(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\x1B\[[0-9;]*[A-Za-z]", "");
}
