using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Training;

/// <summary>Settings of a classifier training run. Immutable; change with <c>with</c>.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set (>= 1).</summary>
    public int Epochs { get; init; } = 1;
    /// <summary>Samples per step (>= 1; the last batch of an epoch may be smaller).</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>The seed of the batch order and of the run's random draws (dropout masks).</summary>
    public int Seed { get; init; }
    /// <summary>The rate at every step; default constant 0.05.</summary>
    public LrSchedule? Schedule { get; init; }
    /// <summary>
    /// Makes the optimizer for the model's parameters, given the schedule's first rate (default plain SGD,
    /// <see cref="Optimizers.Sgd"/>). The schedule is the one source of the learning rate: it sets it at every step.
    /// </summary>
    public Func<IEnumerable<TorchSharp.Modules.Parameter>, double, optim.Optimizer>? Optimizer { get; init; }
    /// <summary>The loss; default cross-entropy.</summary>
    public Loss<Tensor, Tensor, Tensor>? Loss { get; init; }
    /// <summary>
    /// The loss the per-epoch evaluation reports; default plain cross-entropy whatever the training loss (a flooded or
    /// smoothed training loss would hide what is measured).
    /// </summary>
    public Loss<Tensor, Tensor, Tensor>? EvaluationLoss { get; init; }
    /// <summary>Stop with <see cref="TrainingDivergedException"/> when a step's loss exceeds this (or is NaN).</summary>
    public double DivergenceBound { get; init; } = 1e4;
    /// <summary>Names the run in progress reports and errors (e.g. "arm dropout, seed 2").</summary>
    public string Name { get; init; } = "run";
    /// <summary>Evaluate on the training and test sets after every <see cref="EvaluateEvery"/>-th epoch and the last (true) or not at all.</summary>
    public bool Evaluate { get; init; } = true;
    /// <summary>Evaluate every this many epochs (the last epoch is always evaluated).</summary>
    public int EvaluateEvery { get; init; } = 1;
    /// <summary>Stop after this many steps in all (null: run every epoch).</summary>
    public int? MaxSteps { get; init; }
    /// <summary>
    /// The loop's one extension point: step evaluations, probes, snapshots, early stopping (see
    /// <see cref="TrainingCallback"/> and <c>TricksKit.Training.Callbacks</c>), called in this order at each event.
    /// </summary>
    public IReadOnlyList<TrainingCallback> Callbacks { get; init; } = Array.Empty<TrainingCallback>();
    /// <summary>Save a checkpoint every few epochs and resume from it (null: none). See <see cref="CheckpointOptions"/>.</summary>
    public CheckpointOptions? Checkpoint { get; init; }
}

/// <summary>The kit's training loop for classifiers: seeded batches, a schedule applied every step, a divergence guard, per-epoch evaluation.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="train"/> (features flattened when the model's first layer wants it is the
    /// caller's choice: pass <paramref name="flatten"/>), evaluating on both sets after every epoch.
    /// </summary>
    public static TrainingHistory Fit(nn.Module<Tensor, Tensor> model, LabeledData train, LabeledData test,
        TrainingOptions? options = null, IProgress<TrainingProgress>? progress = null, bool flatten = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var o = options ?? new TrainingOptions();
        Check.Positive(o.Epochs, "Epochs");
        Check.Positive(o.BatchSize, "BatchSize");
        Check.Positive(o.EvaluateEvery, "EvaluateEvery");
        if (o.MaxSteps is < 1) throw new ArgumentOutOfRangeException("MaxSteps", o.MaxSteps, "MaxSteps must be >= 1.");
        ArgumentNullException.ThrowIfNull(o.Callbacks, "Callbacks");
        if (o.Callbacks.Any(c => c is null)) throw new ArgumentException("Callbacks must not hold null.", "Callbacks");
        int perEpoch = Batches.Count(train.Count, o.BatchSize);
        var state = new TrainingState(model, o.Name, o.Epochs, Math.Min(perEpoch * o.Epochs, o.MaxSteps ?? int.MaxValue));
        // Where the checkpoint goes is checked before any training, and the training set's fingerprint taken once.
        if (o.Checkpoint is { } checkpoint) AtomicFile.CheckWritable(Path.GetDirectoryName(Path.GetFullPath(checkpoint.Path))!);
        string? fingerprint = o.Checkpoint is null ? null : TrainingCheckpoint.Fingerprint(train);
        foreach (var c in o.Callbacks) c.OnTrainBegin(state);
        var loop = new TrainingLoop(o.Name, o.Seed, state.TotalSteps, o.DivergenceBound, progress);
        var schedule = o.Schedule ?? Schedules.Constant(0.05);
        var loss = o.Loss ?? nn.CrossEntropyLoss();
        var evaluationLoss = o.EvaluationLoss ?? nn.CrossEntropyLoss();
        using var optimizer = (o.Optimizer ?? ((ps, lr) => Optimizers.Sgd(ps, lr)))(model.parameters(), schedule.At(0));
        // The data go where the model is (device and floating type), once: a model moved with .to(float64) or
        // .to(cuda) trains without the caller converting every set. Disposed at the end; no scope is left open around
        // the loop, so what the callbacks keep (a snapshot) outlives the run.
        Tensor xTrain, yTrain, xTest, yTest;
        using (NewDisposeScope())
        {
            var (a, b) = OnModel(model, flatten ? train.Flat() : train.Features, train.Labels);
            var (c, d) = OnModel(model, flatten ? test.Flat() : test.Features, test.Labels);
            (xTrain, yTrain, xTest, yTest) = (a.DetachFromDisposeScope(), b.DetachFromDisposeScope(), c.DetachFromDisposeScope(), d.DetachFromDisposeScope());
        }
        try
        {
            var history = Loop(state, loop, train.Count, fingerprint, xTrain, yTrain, xTest, yTest, o, optimizer, schedule, loss, evaluationLoss);
            foreach (var c in o.Callbacks) c.OnTrainEnd(state);
            return history;
        }
        finally
        {
            foreach (var t in new[] { xTrain, yTrain, xTest, yTest }) t.Dispose();
            if (o.Loss is null) loss.Dispose();
            if (o.EvaluationLoss is null) evaluationLoss.Dispose();
        }
    }

    private static TrainingHistory Loop(TrainingState state, TrainingLoop loop, int count, string? fingerprint, Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest,
        TrainingOptions o, optim.Optimizer optimizer, LrSchedule schedule, Loss<Tensor, Tensor, Tensor> loss, Loss<Tensor, Tensor, Tensor> evaluationLoss)
    {
        int total = state.TotalSteps, step = 0, start = 0;
        var stepLoss = new List<double>(total);
        var stepLr = new List<double>(total);
        var epochs = new List<EpochRecord>();
        double earlier = 0;
        if (o.Checkpoint is { Resume: true } resume && File.Exists(resume.Path))
        {
            var c = TrainingCheckpoint.Load(resume.Path, state.Model, optimizer, o.Seed, o.BatchSize, count, fingerprint!);
            // A run that did more epochs than this one asks for cannot be continued into it; one that did fewer (finished
            // or not) trains on from where it stopped.
            if (c.EpochsDone > o.Epochs)
                throw new InvalidDataException($"{resume.Path} holds a run of {c.EpochsDone} epochs; this run asks for Epochs = {o.Epochs}: set Epochs >= {c.EpochsDone}, or Resume = false to start over.");
            (start, step, earlier) = (c.EpochsDone, c.Step, c.Seconds);
            stepLoss.AddRange(c.StepLoss);
            stepLr.AddRange(c.StepLr);
            epochs.AddRange(c.Epochs);
            if (step >= total) start = o.Epochs;               // its step budget is spent: nothing left to train
        }
        var model = state.Model;
        state.Step = step;
        state.Epoch = start;
        for (int epoch = start; epoch < o.Epochs; epoch++)
        {
            model.train();
            foreach (var batch in Batches.Shuffled(count, o.BatchSize, o.Seed, epoch))
            {
                using var scope = NewDisposeScope();
                using var index = tensor(batch, device: xTrain.device);
                var lr = schedule.Apply(optimizer, step);
                optimizer.zero_grad();
                var output = model.call(xTrain.index_select(0, index));
                var l = loss.call(output, yTrain.index_select(0, index));
                double value = l.ItemAsDouble();
                loop.Guard(step, value);
                l.backward();
                optimizer.step();
                stepLoss.Add(value);
                stepLr.Add(lr);
                state.Step = ++step;
                loop.Report(step, epoch, value, epochs.LastOrDefault());
                foreach (var c in o.Callbacks) c.OnStepEnd(state);
                if (step >= total || state.StopRequested) break;
            }
            state.Epoch = epoch + 1;
            foreach (var c in o.Callbacks) c.OnEpochEnd(state);
            bool last = epoch + 1 == o.Epochs || step >= total || state.StopRequested;
            if (o.Evaluate && ((epoch + 1) % o.EvaluateEvery == 0 || last))
            {
                var (trL, trA) = Evaluation.LossAndAccuracy(model, xTrain, yTrain, evaluationLoss);
                var (teL, teA) = Evaluation.LossAndAccuracy(model, xTest, yTest, evaluationLoss);
                epochs.Add(new EpochRecord(epoch + 1, step, trL, trA, teL, teA));
                loop.Report(step, epoch, stepLoss[^1], epochs[^1]);
                foreach (var c in o.Callbacks) c.OnEvaluated(state, epochs[^1]);
            }
            bool stop = state.StopRequested;
            if (o.Checkpoint is { } save && ((epoch + 1) % save.Every == 0 || last || stop))
                new TrainingCheckpoint(o.Seed, o.BatchSize, count, fingerprint!, epoch + 1, step, last || stop, earlier + loop.Seconds,
                    stepLoss, stepLr, epochs).Save(save.Path, model, optimizer);
            if (last || stop) break;
        }
        return new TrainingHistory(o.Name, stepLoss.ToArray(), stepLr.ToArray(), epochs.ToArray(), earlier + loop.Seconds);
    }

    /// <summary>
    /// Features on the device of the model's first parameter and, when floating, in its floating type; labels on that
    /// device. Tensors already there are returned as aliases (the caller's scope disposes either).
    /// </summary>
    internal static (Tensor X, Tensor Y) OnModel(nn.Module model, Tensor x, Tensor y)
    {
        var p = model.parameters().FirstOrDefault();
        if (p is null) return (x.alias(), y.alias());
        var dtype = x.is_floating_point() && p.is_floating_point() ? p.dtype : x.dtype;
        return (x.to(dtype, p.device), y.to(p.device));
    }
}
