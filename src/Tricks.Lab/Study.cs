using Plotly.NET;
using TricksKit.Experiments;

namespace Tricks.Lab;

/// <summary>
/// One entry of the <see cref="Catalog"/>: a trick's study. Everything about it is reached from here: its number and
/// id (which name its notebook <see cref="Notebook"/>, its script twin <see cref="Twin"/>, its results file and its
/// folder <see cref="Folder"/> holding the design and the figures), the kit's files of the trick's component
/// (<see cref="Components"/>), the paper, the design (arms and claims) and the paper's figures drawn from a result.
/// Adding a study is one folder and one entry (and its notebook and twin).
/// </summary>
public sealed class Study
{
    /// <summary>A study; <paramref name="id"/> is lower-case words joined by hyphens ("group-norm").</summary>
    public Study(int number, string id, string title, string paper, IReadOnlyList<string> components, Func<ExperimentSettings, IReadOnlyList<Arm>> arms,
        Func<ExperimentResult, IReadOnlyList<Claim>> claims, Func<ExperimentResult, IReadOnlyList<GenericChart>> figures)
    {
        Components = components is { Count: > 0 } ? components : throw new ArgumentException("components must name at least one file of the kit.", nameof(components));
        if (number is < 1 or > 99) throw new ArgumentOutOfRangeException(nameof(number), number, "number must be in [1, 99].");
        if (string.IsNullOrWhiteSpace(id) || !id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            throw new ArgumentException($"id must be lower-case letters, digits and hyphens, got '{id}'.", nameof(id));
        Number = number; Id = id;
        Title = title ?? throw new ArgumentNullException(nameof(title));
        Paper = paper ?? throw new ArgumentNullException(nameof(paper));
        Figures = figures ?? throw new ArgumentNullException(nameof(figures));
        Design = new ExperimentDesign(id, Name, arms, claims);
    }

    /// <summary>Its place in the notebook order (1 .. 11).</summary>
    public int Number { get; }
    /// <summary>The trick's id, as the results JSON names it ("group-norm").</summary>
    public string Id { get; }
    /// <summary>The notebook's title ("Group normalization").</summary>
    public string Title { get; }
    /// <summary>The kit's files of the trick's component, from the repository root (e.g. <c>src/TricksKit/Tricks/GroupNorm.cs</c>).</summary>
    public IReadOnlyList<string> Components { get; }
    /// <summary>The paper the study checks.</summary>
    public string Paper { get; }
    /// <summary>The experiment: arms and claims.</summary>
    public ExperimentDesign Design { get; }
    /// <summary>A text the twin prints after the claims (the bag of tricks: its ablation table); null: none.</summary>
    public Func<ExperimentResult, string>? Summary { get; init; }

    /// <summary>The study's tuning sweep (e.g. each arm's rate, chosen on validation data), or null when it chooses nothing by a sweep.</summary>
    public Sweep? Sweep
    {
        get => sweep;
        init
        {
            sweep = value;
            SweepDesign = value is null ? null : new ExperimentDesign($"{Id}-sweep", $"{Name}-sweep", value.Arms, _ => Array.Empty<Claim>());
        }
    }
    private readonly Sweep? sweep;

    /// <summary>The <see cref="Sweep"/> as a design without claims (<c>batch-norm-sweep</c>, results <c>03-batch-norm-sweep.json</c>), or null.</summary>
    public ExperimentDesign? SweepDesign { get; private init; }

    /// <summary>The paper's figures drawn from a result, the headline first.</summary>
    public Func<ExperimentResult, IReadOnlyList<GenericChart>> Figures { get; }

    /// <summary>"07-group-norm": the notebook's, the twin's and the results file's name.</summary>
    public string Name => $"{Number:00}-{Id}";
    /// <summary>The notebook, from the repository root.</summary>
    public string Notebook => $"notebooks/{Name}.ipynb";
    /// <summary>The script twin, from the repository root.</summary>
    public string Twin => $"scripts/{Name}.cs";
    /// <summary>The folder of the design and the figures, from the repository root ("src/Tricks.Lab/GroupNorm/").</summary>
    public string Folder => $"src/Tricks.Lab/{string.Concat(Id.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))}/";

    /// <summary>Runs the design over the seeds of <paramref name="settings"/> and evaluates the claims.</summary>
    public ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null) => Design.Run(settings, progress);

    /// <summary>Writes <paramref name="result"/> as <c>&lt;Name&gt;.json</c> in the settings' results folder; returns the path.</summary>
    public string Save(ExperimentResult result, ExperimentSettings settings) =>
        ResultsJson.Write(result, Name, (settings ?? throw new ArgumentNullException(nameof(settings))).ResultsDirectory);

    /// <summary>The headline figure (the first of <see cref="Figures"/>), marked for the gallery's index, which shows it on the study's card.</summary>
    public HeadlineFigure Headline(ExperimentResult result) => new(Figures(result)[0]);

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
