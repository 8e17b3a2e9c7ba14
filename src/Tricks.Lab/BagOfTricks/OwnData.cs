using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace Tricks.Lab.BagOfTricks;

/// <summary>
/// The bag of tricks on a user's data set: a CSV table (<see cref="TabularCsv"/>, an MLP: <see cref="Models.ResidualMlp"/>),
/// an image folder (<see cref="ImageFolder"/>, the conv net: <see cref="Models.ResNetLite"/>) or an IDX pair
/// (<see cref="Idx.ReadLabeled"/>, the conv net for images, the MLP for vectors). A stratified <see cref="TestShare"/> of
/// the rows is the test set, fixed; each seed trains on its own draw of the rest, less a stratified
/// <see cref="ValidationShare"/> validation split. Each cumulative stage's rate is the one of <see cref="Rates"/> with the
/// best mean validation accuracy over the run's seeds (the test rows are never seen by that choice); then the same
/// ablation as the notebook's (<see cref="BagOfTricksExperiment.Tricks"/>, leave-one-out, the A/A twin) runs on the test set.
/// Owns its tensors: dispose it when done.
/// </summary>
public sealed class OwnData : IDisposable
{
    /// <summary>The share of each class held out as the test set.</summary>
    public const double TestShare = 0.2;
    /// <summary>The share of each class's remaining rows held out per seed as its validation split.</summary>
    public const double ValidationShare = 0.2;
    /// <summary>The rates each stage chooses from.</summary>
    public static readonly IReadOnlyList<double> Rates = new[] { 0.01, 0.03, 0.1 };
    /// <summary>Steps per run the budget aims at (epochs = this x batch / training rows, in [1, 50]).</summary>
    public const int TargetSteps = 300;
    /// <summary>The rows a class needs: one each for the test, validation and training sets.</summary>
    public const int MinRowsPerClass = 3;

    private readonly LabeledData test, pool;
    private readonly int trainCount;
    private readonly string source;

    /// <summary>Splits <paramref name="data"/> and disposes it (its copies are the test set and the pool the seeds draw from).</summary>
    private OwnData(string source, LabeledData data, bool isImage)
    {
        using var owned = data;
        this.source = source;
        IsImage = isImage;
        Rows = data.Count;
        Classes = data.Classes;
        RowShape = data.Features.shape.Skip(1).ToArray();
        var counts = Metrics.Longs(data.Labels).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (c, n) in counts.OrderBy(kv => kv.Key))
            if (n < MinRowsPerClass)
                throw new InvalidDataException($"{source}: too few rows for the validation split: class '{data.ClassNames[(int)c]}' has {n}; each class needs at least {MinRowsPerClass} (one each for the test, validation and training sets).");
        if (counts.Count < 2) throw new InvalidDataException($"{source}: a single class ('{data.ClassNames[(int)counts.Keys.First()]}') has rows: a classifier needs at least 2.");
        (pool, test) = Subsets.Split(data, TestShare, seed: 0);
        // Standardised with the non-test rows' statistics (tables only; images stay in [0, 1]).
        if (!isImage) (pool, test) = Standardised(pool, test);
        var (kept, held) = Subsets.Split(pool, ValidationShare, 0);   // every seed's split has the same per-class counts
        trainCount = kept.Count;
        kept.Dispose();
        held.Dispose();
    }

    /// <summary>Rows in the data set as read.</summary>
    public int Rows { get; }
    /// <summary>Classes in the data set.</summary>
    public int Classes { get; }
    /// <summary>The shape of one row's features: (channels, height, width) for images, (features) for a table.</summary>
    public IReadOnlyList<long> RowShape { get; }
    /// <summary>Whether it is images (the conv net) rather than a table (the MLP).</summary>
    public bool IsImage { get; }
    /// <summary>Training rows per seed.</summary>
    public int TrainCount => trainCount;
    /// <summary>Passes over the training rows: <see cref="TargetSteps"/> x 32 / <see cref="TrainCount"/>, in [1, 50].</summary>
    public int Epochs => Math.Clamp((int)Math.Ceiling(TargetSteps * 32.0 / trainCount), 1, 50);

    /// <summary>
    /// Reads <paramref name="path"/>: a folder is an image folder; a file starting with an IDX header is the images of an
    /// IDX pair whose labels file is <paramref name="label"/>; anything else is a CSV whose label column is <paramref name="label"/>.
    /// </summary>
    /// <param name="path">the CSV file, the image folder or the IDX images file.</param>
    /// <param name="label">the CSV's label column (a name, or a 0-based index, -1 the last), or the IDX labels file; unused for a folder.</param>
    /// <param name="size">the side images are resized to, in [4, 512] (image folders).</param>
    public static OwnData Load(string path, string? label = null, int size = 28)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("path must name a CSV file, an image folder or an IDX images file.", nameof(path));
        if (Directory.Exists(path)) return new OwnData(path, ImageFolder.Read(path, size), isImage: true);
        if (!File.Exists(path)) throw new FileNotFoundException($"{Path.GetFullPath(path)} not found (give a CSV file, an image folder or an IDX images file).", path);
        if (Idx.IsIdx(path))
        {
            if (string.IsNullOrWhiteSpace(label)) throw new ArgumentException($"{path} is an IDX images file: label must name its IDX labels file.", nameof(label));
            var idx = Idx.ReadLabeled(path, label);
            return new OwnData(path, idx, isImage: idx.Features.dim() == 4);
        }
        if (string.IsNullOrWhiteSpace(label)) throw new ArgumentException($"{path} is a table: label must name its label column (a header name, or a 0-based index, -1 for the last).", nameof(label));
        return new OwnData(path, TabularCsv.Read(path, label), isImage: false);
    }

    /// <summary>The net for a <see cref="Network"/>: ResNetLite (width 8) for images, ResidualMlp (width 64, 2 blocks) for tables.</summary>
    public nn.Module<Tensor, Tensor> Model(Network n) => IsImage
        ? Models.ResNetLite(channels: (int)RowShape[0], classes: Classes, width: 8, activation: n.Activation, init: n.Init, norm: n.Norm, skip: n.Skip, dropout: n.Dropout, size: (int)RowShape[1])
        : Models.ResidualMlp((int)RowShape[0], Classes, width: 64, depth: 2, activation: n.Activation, init: n.Init, norm: n.Norm, skip: n.Skip, dropout: n.Dropout);

    private readonly Dictionary<int, (LabeledData Train, LabeledData Validation)> splits = new();

    /// <summary>Seed <paramref name="seed"/>'s training rows and validation split (cached, shared: do not dispose).</summary>
    public (LabeledData Train, LabeledData Validation) Split(int seed)
    {
        lock (splits)
        {
            if (splits.TryGetValue(seed, out var s)) return s;
            var (train, validation) = Subsets.Split(pool, ValidationShare, seed);
            return splits[seed] = (train, validation);
        }
    }

    /// <summary>The baseline recipe (tanh, Xavier, no norm, no skips, constant rate), evaluated on <paramref name="evaluation"/>.</summary>
    public Recipe Baseline(Func<int, LabeledData> evaluation) =>
        new(Model, seed => Split(seed).Train, evaluation, trainCount, flatten: !IsImage) { Epochs = Epochs, BatchSize = 32 };

    /// <summary>The rate choice: every cumulative stage at every rate of <see cref="Rates"/>, on each seed's validation split.</summary>
    public ExperimentDesign RateDesign() => new("bag-of-tricks-rates", $"{Name}-rates",
        _ => ValidationStages().SelectMany(s => Rates.Select(rate => (s.Recipe with { Rate = rate }).ToArm(RateArm(s.Name, rate)))).ToArray(),
        _ => Array.Empty<Claim>());

    private IReadOnlyList<AblationStage> ValidationStages() => Ablation.Cumulative(Baseline(seed => Split(seed).Validation), BagOfTricksExperiment.Tricks);

    /// <summary>Per cumulative stage, the rate with the highest mean validation accuracy in <paramref name="rates"/> (a result of <see cref="RateDesign"/>).</summary>
    public IReadOnlyList<double> ChosenRates(ExperimentResult rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return ValidationStages()
            .Select(s => Rates.OrderByDescending(r => rates[RateArm(s.Name, r)].Values(ClassifierMetrics.TestAccuracy).Average()).ThenBy(r => r).First())
            .ToArray();
    }

    /// <summary>The ablation on the test rows at <paramref name="stageRates"/> (one per cumulative stage, the baseline's first).</summary>
    public Ablation AblationAt(IReadOnlyList<double> stageRates) => new(Baseline(_ => test), BagOfTricksExperiment.Tricks, stageRates);

    /// <summary>The name of the runs: "11-bag-of-tricks-" and the file or folder name.</summary>
    public string Name => $"{Catalog.BagOfTricks.Name}-{string.Concat(Path.GetFileName(Path.GetFullPath(source).TrimEnd(Path.DirectorySeparatorChar)).Split('.')[0].Select(c => char.IsLetterOrDigit(c) ? c : '-'))}";

    private readonly Dictionary<string, IReadOnlyList<double>> chosen = new();

    /// <summary>The stage rates chosen on validation for <paramref name="settings"/>' mode and seeds (the rate design is run once per set, then remembered).</summary>
    public IReadOnlyList<double> StageRates(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var key = $"{settings.ModeName}:{string.Join(",", settings.Seeds)}";
        lock (chosen)
            if (chosen.TryGetValue(key, out var rates)) return rates;
        var result = ChosenRates(RateDesign().Run(settings, progress));
        lock (chosen) chosen[key] = result;
        return result;
    }

    /// <summary>
    /// The ablation as one design: its arms are <see cref="AblationAt"/> the <see cref="StageRates"/> (chosen first, on
    /// validation); no claims (the table's verdicts are the answer on a user's data).
    /// </summary>
    public ExperimentDesign Design() => new("bag-of-tricks-own-data", Name, settings => AblationAt(StageRates(settings)).Arms(), _ => Array.Empty<Claim>());

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ExperimentResult, AblationTable> tables = new();

    /// <summary>The table of a result of <see cref="Design"/> (the ablation at the rates its settings chose), built once per result.</summary>
    public AblationTable Table(ExperimentResult result) =>
        tables.GetValue(result ?? throw new ArgumentNullException(nameof(result)), r => AblationAt(StageRates(r.Settings)).Table(r));

    /// <summary>The table of a result of <see cref="Design"/>, with the rates chosen and the data's split.</summary>
    public string Summary(ExperimentResult result)
    {
        var table = Table(result);
        var ablation = table.Ablation;
        var stages = ablation.Stages.Where(s => s.Kind != StageKind.LeaveOneOut);
        return $"{source}: {Rows} rows, {Classes} classes, {(IsImage ? $"images {string.Join("x", RowShape)} (ResNetLite)" : $"{RowShape[0]} features (ResidualMlp)")}; " +
               $"{test.Count} test rows, {trainCount} training rows per seed, {Epochs} epochs\n" +
               $"rates chosen on validation: {string.Join(", ", stages.Zip(ablation.Rates, (s, r) => $"{s.Name} {Estimate.Format(r)}"))}\n" +
               table;
    }

    /// <summary>
    /// The twin's <c>--data FILE|DIR [--label COL|LABELS] [--size N]</c>: reads the data, then runs <see cref="Design"/>
    /// with the twin's other options (mode, seeds, results, ...), prints the table, writes the results JSON and the report.
    /// </summary>
    public static int Main(IReadOnlyList<string> args, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = new List<string>();
        string? data = null, label = null, size = null;
        for (int i = 0; i < args.Count; i++)
        {
            string? Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.", args[i]);
            switch (args[i])
            {
                case "--data": data = Value(); break;
                case "--label": label = Value(); break;
                case "--size": size = Value(); break;
                default: rest.Add(args[i]); break;
            }
        }
        OwnData? own;
        try
        {
            if (data is null) throw new ArgumentException("--data must name a CSV file, an image folder or an IDX images file.", "--data");
            int side = size is null ? 28 : int.TryParse(size, out int n) ? n : throw new ArgumentException($"--size must be an integer in [4, 512], got '{size}'.", "--size");
            own = Load(data, label, side);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{Catalog.BagOfTricks.Name} --data: {e.Message}");
            return 2;
        }
        using (own)
            return StudyScript.Main(rest, own.Design(), r => BagOfTricksFigures.All(own.Table(r), Path.GetFileName(Path.GetFullPath(data).TrimEnd(Path.DirectorySeparatorChar))), output, own.Summary);
    }

    /// <summary>Disposes the seeds' splits, the pool they are drawn from and the test set.</summary>
    public void Dispose()
    {
        lock (splits)
        {
            foreach (var (train, validation) in splits.Values) { train.Dispose(); validation.Dispose(); }
            splits.Clear();
        }
        pool.Dispose();
        test.Dispose();
    }

    private static string RateArm(string stage, double rate) => $"{stage}, lr {Estimate.Format(rate)}";

    private static (LabeledData, LabeledData) Standardised(LabeledData pool, LabeledData test)
    {
        using var scope = NewDisposeScope();
        var mean = pool.Features.mean(new long[] { 0 }, keepdim: true);
        var std = pool.Features.std(0, keepdim: true);
        std = where(std.eq(zeros_like(std)), ones_like(std), std);          // a constant column stays 0, not NaN
        LabeledData Scaled(LabeledData d) => new(((d.Features - mean) / std).DetachFromDisposeScope(), d.Labels.clone().DetachFromDisposeScope(), d.ClassNames, d.Name);
        var result = (Scaled(pool), Scaled(test));
        pool.Dispose();
        test.Dispose();
        return result;
    }
}
