using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Experiments;

/// <summary>
/// One run of a classifier arm, as the design's <c>callbacks</c> and <c>after</c> functions see it: the model (built,
/// then trained), the seeds, the data, the run's training callbacks, and the metrics and series the run will report
/// (<see cref="ClassifierMetrics"/> are filled in after training).
/// </summary>
public sealed class ArmRun
{
    private readonly Dictionary<string, double> metrics = new();
    private readonly Dictionary<string, IReadOnlyList<double>> series = new();

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

    /// <summary>The run's training callbacks, in the order the loop called them.</summary>
    public IReadOnlyList<TrainingCallback> Callbacks { get; internal set; } = Array.Empty<TrainingCallback>();

    /// <summary>The first of <see cref="Callbacks"/> of type <typeparamref name="T"/> (e.g. the run's <c>StepEvaluation</c>).</summary>
    public T Callback<T>() where T : TrainingCallback =>
        Callbacks.OfType<T>().FirstOrDefault() ?? throw new InvalidOperationException($"arm '{Arm}' has no {typeof(T).Name} callback.");

    /// <summary>The trained model's test-set logits, (N, C), for the <c>after</c> function (null before; disposed after it).</summary>
    public Tensor? TestLogits { get; internal set; }

    /// <summary>The training history: null until trained, and null after training when the run diverged.</summary>
    public TrainingHistory? History { get; internal set; }

    /// <summary>Sets a metric of the run.</summary>
    public void Set(Metric metric, double value) => metrics[(metric ?? throw new ArgumentNullException(nameof(metric))).Key] = value;

    /// <summary>Records a series of the run.</summary>
    public void Set(Series key, IReadOnlyList<double> values) =>
        series[(key ?? throw new ArgumentNullException(nameof(key))).Key] = values ?? throw new ArgumentNullException(nameof(values));

    internal void SetAll(IReadOnlyDictionary<string, double> values)
    {
        foreach (var (k, v) in values) metrics[k] = v;
    }

    internal RunRecord ToRecord() => new(Arm, Seeds.Seed, metrics, History, SeriesValues: series.Count > 0 ? series : null);
}

/// <summary>The one way the designs make an arm that trains a classifier with the kit's loop.</summary>
public static class ClassifierArm
{
    /// <summary>
    /// An arm that, for each seed, seeds TorchSharp with the run's initialisation seed, builds the model (so arms with
    /// the same architecture start from the same weights), trains it on <paramref name="train"/> with
    /// <paramref name="options"/> (its seed set to the run's data seed, its callbacks those
    /// <paramref name="callbacks"/> makes for the run) and reports <see cref="ClassifierMetrics"/> from one evaluation
    /// of each set, whose test logits <paramref name="after"/> sees as <see cref="ArmRun.TestLogits"/>.
    /// <paramref name="after"/> adds the design's metrics and series, reading what the callbacks measured. With
    /// <paramref name="keepDiverged"/>, a run that diverges reports what it reached instead of failing the experiment.
    /// </summary>
    public static Arm Create(string name, Func<nn.Module<Tensor, Tensor>> model, LabeledData train, LabeledData test,
        TrainingOptions? options = null, bool flatten = true, Func<ArmRun, IEnumerable<TrainingCallback>>? callbacks = null,
        Action<ArmRun>? after = null, bool keepDiverged = false)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("name must not be empty.", nameof(name));
        ArgumentNullException.ThrowIfNull(train);
        return Create(name, model, _ => train, test, options, flatten, callbacks, after, keepDiverged);
    }

    /// <summary>
    /// As <see cref="Create(string, Func{nn.Module{Tensor, Tensor}}, LabeledData, LabeledData, TrainingOptions?, bool, Func{ArmRun, IEnumerable{TrainingCallback}}?, Action{ArmRun}?, bool)"/>,
    /// with each run's training set drawn for its data seed by <paramref name="train"/> (the A/A twin of an arm sees the
    /// same draw: it changes only the initialisation).
    /// </summary>
    public static Arm Create(string name, Func<nn.Module<Tensor, Tensor>> model, Func<int, LabeledData> train, LabeledData test,
        TrainingOptions? options = null, bool flatten = true, Func<ArmRun, IEnumerable<TrainingCallback>>? callbacks = null,
        Action<ArmRun>? after = null, bool keepDiverged = false)
    {
        ArgumentNullException.ThrowIfNull(test);
        return Create(name, model, train, _ => test, options, flatten, callbacks, after, keepDiverged);
    }

    /// <summary>
    /// As the overload above, with each run's evaluation set drawn for its data seed by <paramref name="test"/> too: a
    /// seed's validation split, disjoint from its training sample, when a rate or a budget is chosen on validation data
    /// (the run's <see cref="ArmRun.Test"/> and its test metrics are then on that split).
    /// </summary>
    public static Arm Create(string name, Func<nn.Module<Tensor, Tensor>> model, Func<int, LabeledData> train, Func<int, LabeledData> test,
        TrainingOptions? options = null, bool flatten = true, Func<ArmRun, IEnumerable<TrainingCallback>>? callbacks = null,
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
            var data = train(seeds.Seed) ?? throw new InvalidOperationException($"arm '{name}': train returned no data for seed {seeds.Seed}.");
            var evaluated = test(seeds.Seed) ?? throw new InvalidOperationException($"arm '{name}': test returned no data for seed {seeds.Seed}.");
            torch.manual_seed(seeds.Init);
            using var net = model();
            var run = new ArmRun(name, seeds, net, data, evaluated);
            run.Callbacks = o.Callbacks.Concat(callbacks?.Invoke(run) ?? Enumerable.Empty<TrainingCallback>()).ToArray();
            try
            {
                try
                {
                    run.History = Trainer.Fit(net, data, evaluated, o with { Seed = seeds.Seed, Name = $"{name}, seed {seeds.Seed}", Callbacks = run.Callbacks }, progress, flatten);
                }
                catch (TrainingDivergedException) when (keepDiverged)
                {
                    // History stays null: the after function and the metrics see the weights the run reached.
                }
                using (var scope = NewDisposeScope())
                {
                    run.TestLogits = Evaluation.Logits(net, evaluated, flatten).DetachFromDisposeScope();
                    run.SetAll(ClassifierMetrics.Measure(Evaluation.Logits(net, data, flatten), data.Labels, run.TestLogits, evaluated.Labels));
                }
                // The after function runs outside the kit's scope (what it keeps is its own); the test logits go when it is done.
                after?.Invoke(run);
            }
            finally
            {
                run.TestLogits?.Dispose();
                run.TestLogits = null;
                foreach (var c in run.Callbacks.OfType<IDisposable>()) c.Dispose();
            }
            return run.ToRecord();
        });
    }
}
