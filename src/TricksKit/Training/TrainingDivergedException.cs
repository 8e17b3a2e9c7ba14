namespace TricksKit.Training;

/// <summary>A run stopped by the divergence guard: the loss became NaN/infinite or exceeded the bound.</summary>
public sealed class TrainingDivergedException(string run, int step, double loss, double bound)
    : Exception($"{run}: training diverged at step {step}: loss {loss} {(double.IsFinite(loss) ? $"exceeds the bound {bound}" : "is not finite")}. Lower the learning rate, or raise DivergenceBound.")
{
    /// <summary>The run's name.</summary>
    public string Run { get; } = run;
    /// <summary>The 0-based step whose loss diverged.</summary>
    public int Step { get; } = step;
    /// <summary>That step's loss.</summary>
    public double Loss { get; } = loss;
}
