using TorchSharp;
using TricksKit.Data;
using TricksKit.Training;
using static TorchSharp.torch;

namespace TricksKit.Experiments;

/// <summary>
/// Everything one ablation arm trains with: the model factory and the <see cref="Network"/> it builds, the data (each
/// seed's training sample and evaluation set), the optimizer, the rate and its schedule, the budget and the loss
/// (cross-entropy, with label smoothing and flooding as the tricks set them). The tricks of an ablation are functions
/// from a recipe to a recipe (<see cref="Trick"/>); <see cref="ToArm"/> makes the arm. Immutable; change with <c>with</c>.
/// </summary>
public sealed record Recipe
{
    /// <summary>
    /// A recipe training <paramref name="model"/> on <paramref name="train"/>(seed) (<paramref name="trainCount"/>
    /// samples each) and evaluating on <paramref name="evaluation"/>(seed), with the defaults below.
    /// </summary>
    /// <param name="model">builds the net for a <see cref="Network"/> (e.g. <c>n => Models.ResNetLite(activation: n.Activation, ...)</c>).</param>
    /// <param name="train">the training sample of a data seed.</param>
    /// <param name="evaluation">the evaluation set of a data seed: the test set, or a validation split when tuning.</param>
    /// <param name="trainCount">samples in each training sample, >= 1 (the schedule's length is counted from it).</param>
    /// <param name="flatten">whether the model takes the features flattened to (N, D) (an MLP) or as they are (a conv net).</param>
    public Recipe(Func<Network, nn.Module<Tensor, Tensor>> model, Func<int, LabeledData> train, Func<int, LabeledData> evaluation, int trainCount, bool flatten)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Train = train ?? throw new ArgumentNullException(nameof(train));
        Evaluation = evaluation ?? throw new ArgumentNullException(nameof(evaluation));
        TrainCount = trainCount >= 1 ? trainCount : throw new ArgumentOutOfRangeException(nameof(trainCount), trainCount, "trainCount must be >= 1.");
        Flatten = flatten;
    }

    /// <summary>Builds the net for a <see cref="Network"/>.</summary>
    public Func<Network, nn.Module<Tensor, Tensor>> Model { get; init; }
    /// <summary>The network the model factory builds (default: <see cref="Experiments.Network"/>'s plain net).</summary>
    public Network Network { get; init; } = new();
    /// <summary>The training sample of a data seed.</summary>
    public Func<int, LabeledData> Train { get; init; }
    /// <summary>The evaluation set of a data seed.</summary>
    public Func<int, LabeledData> Evaluation { get; init; }
    /// <summary>Samples per training sample.</summary>
    public int TrainCount { get; init; }
    /// <summary>Whether the model takes flattened features.</summary>
    public bool Flatten { get; init; }
    /// <summary>Passes over the training sample, >= 1.</summary>
    public int Epochs { get; init; } = 1;
    /// <summary>Samples per step, >= 1.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>The peak learning rate, > 0 (each stage of an ablation may set its own: <see cref="Ablation"/>).</summary>
    public double Rate { get; init; } = 0.05;
    /// <summary>The schedule for a peak rate and the run's steps (default constant: <c>(rate, steps) =&gt; Schedules.Constant(rate)</c>).</summary>
    public Func<double, int, LrSchedule> Schedule { get; init; } = (rate, _) => Schedules.Constant(rate);
    /// <summary>Makes the optimizer for the parameters and the first rate (default SGD with momentum 0.9).</summary>
    public Func<IEnumerable<TorchSharp.Modules.Parameter>, double, optim.Optimizer> Optimizer { get; init; } = (ps, rate) => Optimizers.Sgd(ps, rate, momentum: 0.9);
    /// <summary>Label smoothing eps of the training loss, in [0, 1) (0: plain cross-entropy).</summary>
    public double LabelSmoothing { get; init; }
    /// <summary>The flood level b of the training loss, >= 0 (0: no flooding).</summary>
    public double FloodLevel { get; init; }

    /// <summary>Steps in one run: epochs x batches per epoch.</summary>
    public int Steps => Epochs * Batches.Count(TrainCount, BatchSize);

    /// <summary>The training loss: cross-entropy (smoothed when <see cref="LabelSmoothing"/> &gt; 0), flooded when <see cref="FloodLevel"/> &gt; 0.</summary>
    public Loss<Tensor, Tensor, Tensor> Loss()
    {
        Loss<Tensor, Tensor, Tensor> loss = LabelSmoothing > 0 ? Losses.LabelSmoothing(LabelSmoothing) : nn.CrossEntropyLoss();
        return FloodLevel > 0 ? Losses.Flooded(loss, FloodLevel) : loss;
    }

    /// <summary>
    /// The arm named <paramref name="name"/> training this recipe (<see cref="ClassifierArm"/>: per seed the same
    /// training sample, data order and, for nets of the same shape, the same initial weights), after checking every setting.
    /// </summary>
    public Arm ToArm(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("name must not be empty.", nameof(name));
        Check.Positive(Epochs, nameof(Epochs));
        Check.Positive(BatchSize, nameof(BatchSize));
        Check.Positive(Rate, nameof(Rate));
        Check.InRange(LabelSmoothing, 0, 1, nameof(LabelSmoothing));
        if (!(FloodLevel >= 0) || !double.IsFinite(FloodLevel)) throw new ArgumentOutOfRangeException(nameof(FloodLevel), FloodLevel, "FloodLevel must be finite and >= 0.");
        Check.InRange(Network.Dropout, 0, 1, "Network.Dropout");
        var network = Network;
        var model = Model;
        return ClassifierArm.Create(name, () => model(network), Train, Evaluation, new TrainingOptions
        {
            Epochs = Epochs, BatchSize = BatchSize, Evaluate = false,
            Schedule = Schedule(Rate, Steps), Optimizer = Optimizer, Loss = Loss(),
        }, Flatten);
    }
}
