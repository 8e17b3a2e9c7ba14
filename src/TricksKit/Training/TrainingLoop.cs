using System.Diagnostics;
using TorchSharp;

namespace TricksKit.Training;

/// <summary>
/// What every training loop of the kit shares (<see cref="Trainer"/>, <see cref="GanTrainer"/>): the run's seed set
/// once at the start, the clock, the progress reports and the divergence guard (a loss that is NaN, infinite or larger
/// than the bound in magnitude stops the run with <see cref="TrainingDivergedException"/>).
/// </summary>
internal sealed class TrainingLoop
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly IProgress<TrainingProgress>? progress;

    /// <summary>Starts the clock, then seeds TorchSharp's generator with <paramref name="seed"/>.</summary>
    public TrainingLoop(string name, int seed, int totalSteps, double divergenceBound, IProgress<TrainingProgress>? progress)
    {
        Name = name; TotalSteps = totalSteps; DivergenceBound = divergenceBound; this.progress = progress;
        torch.manual_seed(seed);
    }

    public string Name { get; }
    public int TotalSteps { get; }
    public double DivergenceBound { get; }

    /// <summary>Seconds since the run started.</summary>
    public double Seconds => clock.Elapsed.TotalSeconds;

    /// <summary>Throws <see cref="TrainingDivergedException"/> when <paramref name="loss"/> is not finite or |loss| exceeds the bound.</summary>
    public void Guard(int step, double loss)
    {
        if (!double.IsFinite(loss) || Math.Abs(loss) > DivergenceBound) throw new TrainingDivergedException(Name, step, loss, DivergenceBound);
    }

    /// <summary>Tells the progress sink, if any, where the run is.</summary>
    public void Report(int step, int epoch, double loss, EpochRecord? lastEpoch) =>
        progress?.Report(new TrainingProgress(Name, step, TotalSteps, epoch, loss, lastEpoch));
}
