using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// One run of a classifier arm, as the design's hooks see it: the model (built, then trained), the seeds, the data,
/// and the metrics and series the run will report (the usual classifier metrics are filled in after training).
/// </summary>
public sealed class ArmRun
{
    internal ArmRun(string arm, RunSeed seeds, nn.Module<Tensor, Tensor> model, LabeledData train, LabeledData test)
    {
        Arm = arm; Seeds = seeds; Model = model; Train = train; Test = test;
    }

    /// <summary>The arm's name.</summary>
    public string Arm { get; }
    /// <summary>The run's data and initialisation seeds.</summary>
    public RunSeed Seeds { get; }
    /// <summary>The model, built with the initialisation seed, trained in place.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }
    /// <summary>The training set.</summary>
    public LabeledData Train { get; }
    /// <summary>The test set.</summary>
    public LabeledData Test { get; }

    /// <summary>The trained model's test-set logits, (N, C), for the <c>after</c> hook (null before; disposed after it).</summary>
    public Tensor? TestLogits { get; internal set; }

    /// <summary>The training history: null until trained, and null after training when the run diverged.</summary>
    public TrainingHistory? History { get; internal set; }

    /// <summary>The metrics the run reports, by <see cref="Metric.Key"/>.</summary>
    public Dictionary<string, double> Metrics { get; } = new();

    /// <summary>Named series to show (e.g. accuracy every k steps).</summary>
    public Dictionary<string, IReadOnlyList<double>> Series { get; } = new();

    /// <summary>Sets a metric.</summary>
    public void Set(Metric metric, double value) => Metrics[metric.Key] = value;

    /// <summary>Registers what to measure once training ends (from a hook that made per-run state, e.g. an evaluator).</summary>
    public void AfterTraining(Action<ArmRun> action) => finishers.Add(action ?? throw new ArgumentNullException(nameof(action)));

    internal void Finish()
    {
        foreach (var f in finishers) f(this);
    }

    private readonly List<Action<ArmRun>> finishers = new();
}

/// <summary>The one way the designs make an arm that trains a classifier with the kit's loop.</summary>
public static class ClassifierArm
{
    /// <summary>
    /// An arm that, for each seed, seeds TorchSharp with the run's initialisation seed, builds the model (so arms with
    /// the same architecture start from the same weights), trains it on <paramref name="train"/> with
    /// <paramref name="options"/> (its seed set to the run's data seed) and reports <see cref="ClassifierMetrics"/>
    /// (<see cref="ClassifierRuns.Metrics(Tensor, Tensor, Tensor, Tensor)"/>, from one evaluation of each set, whose
    /// test logits the hooks see as <see cref="ArmRun.TestLogits"/>).
    /// <paramref name="before"/> may adjust the options once the model exists (e.g. hooks that evaluate it every k
    /// steps, whose results it measures through <see cref="ArmRun.AfterTraining"/>); <paramref name="after"/> adds
    /// metrics and series. With <paramref name="keepDiverged"/>, a run that
    /// diverges reports what it reached instead of failing the experiment.
    /// </summary>
    public static Arm Create(string name, Func<nn.Module<Tensor, Tensor>> model, LabeledData train, LabeledData test,
        TrainingOptions? options = null, bool flatten = true, Func<ArmRun, TrainingOptions, TrainingOptions>? before = null,
        Action<ArmRun>? after = null, bool keepDiverged = false)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("name must not be empty.", nameof(name));
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var o = options ?? new TrainingOptions();
        return new Arm(name, (seeds, progress) =>
        {
            Kit.Init();
            torch.manual_seed(seeds.Init);
            using var net = model();
            var run = new ArmRun(name, seeds, net, train, test);
            var runOptions = o with { Seed = seeds.Seed, Name = $"{name}, seed {seeds.Seed}" };
            if (before is not null) runOptions = before(run, runOptions);
            try
            {
                run.History = Trainer.Fit(net, train, test, runOptions, progress, flatten);
            }
            catch (TrainingDivergedException) when (keepDiverged)
            {
                // History stays null: the hooks and metrics see the weights the run reached.
            }
            using (var scope = NewDisposeScope())
            {
                run.TestLogits = Evaluation.Logits(net, test, flatten).DetachFromDisposeScope();
                foreach (var (k, v) in ClassifierRuns.Metrics(Evaluation.Logits(net, train, flatten), train.Labels, run.TestLogits, test.Labels)) run.Metrics[k] = v;
            }
            // The hooks run outside the kit's scope (what they keep is theirs); the test logits go when they are done.
            try
            {
                run.Finish();
                after?.Invoke(run);
            }
            finally
            {
                run.TestLogits.Dispose();
                run.TestLogits = null;
            }
            return new RunRecord(name, seeds.Seed, run.Metrics, run.History, Series: run.Series.Count > 0 ? run.Series : null);
        });
    }
}
