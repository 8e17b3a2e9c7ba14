namespace TricksKit;

/// <summary>A run stopped by the divergence guard: the loss became NaN/infinite or exceeded the bound.</summary>
public sealed class TrainingDivergedException(string run, int step, double loss, double bound)
    : Exception($"{run}: training diverged at step {step}: loss {loss} {(double.IsFinite(loss) ? $"exceeds the bound {bound}" : "is not finite")}. Lower the learning rate, or raise DivergenceBound.")
{
    public string Run { get; } = run;
    public int Step { get; } = step;
    public double Loss { get; } = loss;
}
