using Tricks.Lab.BagOfTricks;
using Tricks.Lab.BatchNorm;
using Tricks.Lab.CyclicLr;
using Tricks.Lab.Dropout;
using Tricks.Lab.Flooding;
using Tricks.Lab.FocalLoss;
using Tricks.Lab.GroupNorm;
using Tricks.Lab.LabelSmoothing;
using Tricks.Lab.Relu;
using Tricks.Lab.SkipConnection;
using Tricks.Lab.Wgan;
using TricksKit.Experiments;
using TricksKit.Experiments.Execution;

namespace Tricks.Lab;

/// <summary>
/// The eleven studies, in notebook order (the ten tricks, then the bag of tricks that stacks them): the one place a study is declared. The notebooks, the twins, the worker, the
/// runner, the gallery and the tests all find a study's design, figures and files through its entry.
/// </summary>
public static class Catalog
{
    /// <summary>01: focal loss.</summary>
    public static readonly Study FocalLoss = new(1, "focal-loss", "Focal loss",
        "Lin et al., Focal Loss for Dense Object Detection (ICCV 2017)", Tricks("Tricks/FocalLoss.cs", "Tricks/SigmoidFocalLoss.cs"),
        FocalLossExperiment.Arms, FocalLossExperiment.Claims, FocalLossFigures.All);
    /// <summary>02: dropout.</summary>
    public static readonly Study Dropout = new(2, "dropout", "Dropout",
        "Srivastava et al., Dropout: A Simple Way to Prevent Neural Networks from Overfitting (JMLR 2014)", Tricks("Tricks/Dropout.cs"),
        DropoutExperiment.Arms, DropoutExperiment.Claims, DropoutFigures.All);
    /// <summary>03: batch normalization.</summary>
    public static readonly Study BatchNorm = new(3, "batch-norm", "Batch normalization",
        "Ioffe and Szegedy, Batch Normalization (ICML 2015)", Tricks("Tricks/BatchNorm.cs"),
        BatchNormExperiment.Arms, BatchNormExperiment.Claims, BatchNormFigures.All) { Sweep = BatchNormExperiment.Sweep };
    /// <summary>04: ReLU.</summary>
    public static readonly Study Relu = new(4, "relu", "ReLU",
        "Glorot, Bordes and Bengio, Deep Sparse Rectifier Neural Networks (AISTATS 2011); Krizhevsky et al. (NeurIPS 2012)", Tricks("Models/Mlp.cs"),
        ReluExperiment.Arms, ReluExperiment.Claims, ReluFigures.All) { Sweep = ReluExperiment.Sweep };
    /// <summary>05: cyclic learning rate (cosine warm restarts, snapshot ensembles).</summary>
    public static readonly Study CyclicLr = new(5, "cyclic-lr", "Cyclic learning rate",
        "Loshchilov and Hutter, SGDR (ICLR 2017); Huang et al., Snapshot Ensembles (ICLR 2017)", Tricks("Tricks/CyclicLr.cs"),
        CyclicLrExperiment.Arms, CyclicLrExperiment.Claims, CyclicLrFigures.All);
    /// <summary>06: flooding.</summary>
    public static readonly Study Flooding = new(6, "flooding", "Flooding",
        "Ishida et al., Do We Need Zero Training Loss After Achieving Zero Training Error? (ICML 2020)", Tricks("Tricks/Flooding.cs"),
        FloodingExperiment.Arms, FloodingExperiment.Claims, FloodingFigures.All);
    /// <summary>07: group normalization.</summary>
    public static readonly Study GroupNorm = new(7, "group-norm", "Group normalization",
        "Wu and He, Group Normalization (ECCV 2018)", Tricks("Tricks/GroupNorm.cs"),
        GroupNormExperiment.Arms, GroupNormExperiment.Claims, GroupNormFigures.All) { Sweep = GroupNormExperiment.Sweep };
    /// <summary>08: label smoothing.</summary>
    public static readonly Study LabelSmoothing = new(8, "label-smoothing", "Label smoothing",
        "Szegedy et al. (CVPR 2016); Mueller, Kornblith and Hinton, When Does Label Smoothing Help? (NeurIPS 2019)", Tricks("Tricks/LabelSmoothing.cs"),
        LabelSmoothingExperiment.Arms, LabelSmoothingExperiment.Claims, LabelSmoothingFigures.All);
    /// <summary>09: Wasserstein GAN.</summary>
    public static readonly Study Wgan = new(9, "wgan", "Wasserstein GAN",
        "Arjovsky et al., Wasserstein GAN (ICML 2017); Gulrajani et al., WGAN-GP (NeurIPS 2017)", Tricks("Tricks/Wgan.cs"),
        WganExperiment.Arms, WganExperiment.Claims, WganFigures.All);
    /// <summary>10: skip connections.</summary>
    public static readonly Study SkipConnection = new(10, "skip-connection", "Skip connections",
        "He et al., Deep Residual Learning for Image Recognition (CVPR 2016)", Tricks("Tricks/Residual.cs"),
        SkipConnectionExperiment.Arms, SkipConnectionExperiment.Claims, SkipConnectionFigures.All) { Sweep = SkipConnectionExperiment.Sweep };
    /// <summary>11: the bag of tricks (the classification tricks stacked, and each left out).</summary>
    public static readonly Study BagOfTricks = new(11, "bag-of-tricks", "The bag of tricks",
        "He et al., Bag of Tricks for Image Classification with Convolutional Neural Networks (CVPR 2019)",
        new[] { "src/TricksKit.Experiments/Ablation/Ablation.cs", "src/TricksKit.Experiments/Ablation/ClassifierTricks.cs", "src/TricksKit/Models/ResNetLite.cs" },
        BagOfTricksExperiment.Arms, BagOfTricksExperiment.Claims, BagOfTricksFigures.All)
        { Sweep = BagOfTricksExperiment.Sweep, Summary = r => BagOfTricksExperiment.Table(r).ToString() };

    /// <summary>Paths of the kit's files, from the repository root.</summary>
    private static string[] Tricks(params string[] files) => files.Select(f => $"src/TricksKit/{f}").ToArray();

    /// <summary>Every study, in notebook order.</summary>
    public static IReadOnlyList<Study> All { get; } = new[] { FocalLoss, Dropout, BatchNorm, Relu, CyclicLr, Flooding, GroupNorm, LabelSmoothing, Wgan, SkipConnection, BagOfTricks };

    /// <summary>The study of an id ("group-norm") or name ("07-group-norm"), or null.</summary>
    public static Study? TryFind(string name) => All.FirstOrDefault(s => s.Id == name || s.Name == name);

    /// <summary>The study of an id ("group-norm") or name ("07-group-norm"); an <see cref="ArgumentException"/> lists the names otherwise.</summary>
    public static Study Find(string name) => TryFind(name)
        ?? throw new ArgumentException($"name must be a study's id or name: {string.Join(", ", All.Select(s => s.Name))}; got '{name}'.", nameof(name));

    /// <summary>The design a worker rebuilds from its <see cref="ExperimentDesign.Trick"/>: a study's ("group-norm") or its sweep's ("batch-norm-sweep").</summary>
    public static ExperimentDesign Design(string trick) =>
        All.Select(s => s.Design).Concat(All.Select(s => s.SweepDesign).OfType<ExperimentDesign>()).FirstOrDefault(d => d.Trick == trick)
        ?? Find(trick).Design;

    /// <summary>
    /// The worker program of the lab (<c>Tricks.Worker</c>), which rebuilds any catalog design: beside this assembly,
    /// else in the repository's <c>artifacts/kit/</c> (for tests built elsewhere); null when it is not built.
    /// </summary>
    public static WorkerProcess? Worker()
    {
        var beside = Path.Combine(Path.GetDirectoryName(typeof(Catalog).Assembly.Location) ?? "", WorkerFile);
        var built = Repository.TryFindRoot() is { } root ? Path.Combine(root, "artifacts", "kit", WorkerFile) : null;
        var path = File.Exists(beside) ? beside : built is not null && File.Exists(built) ? built : null;
        return path is null ? null : new WorkerProcess(path, d => All.Any(s => ReferenceEquals(s.Design, d) || ReferenceEquals(s.SweepDesign, d)));
    }

    /// <summary>The worker's file name.</summary>
    public const string WorkerFile = "Tricks.Worker.dll";
}
