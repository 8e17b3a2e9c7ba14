namespace TricksKit;

public static partial class Schedules
{
    /// <summary>
    /// SGDR, cosine annealing with warm restarts (Loshchilov and Hutter 2017), as PyTorch's
    /// <c>CosineAnnealingWarmRestarts</c> stepped once per step:
    /// <c>lr = lrMin + (lrMax - lrMin)(1 + cos(pi T_cur / T_i)) / 2</c>, T_cur counting steps since the last
    /// restart, T_0 = <paramref name="period"/>, T_{i+1} = <paramref name="periodMult"/> T_i.
    /// (TorchSharp 0.107 has no warm-restart scheduler.)
    /// </summary>
    /// <param name="lrMax">the rate at each restart, > 0.</param>
    /// <param name="lrMin">the floor, in [0, lrMax].</param>
    /// <param name="period">T_0 in steps, >= 1.</param>
    /// <param name="periodMult">T_mult, >= 1.</param>
    public static LrSchedule CosineWarmRestarts(double lrMax, double lrMin, int period, int periodMult = 1)
    {
        Check.Positive(lrMax, nameof(lrMax));
        CheckFloor(lrMin, lrMax, nameof(lrMin), nameof(lrMax));
        Check.Positive(period, nameof(period));
        Check.Positive(periodMult, nameof(periodMult));
        return new CosineWarmRestartsSchedule(lrMax, lrMin, period, periodMult);
    }

    /// <summary>
    /// Cosine annealing without restarts over <paramref name="steps"/> steps (SGDR with one period).
    /// </summary>
    public static LrSchedule Cosine(double lrMax, double lrMin, int steps) => CosineWarmRestarts(lrMax, lrMin, steps);

    /// <summary>
    /// The article's cyclic rate, for 0-based step (the article's x = step + 1):
    /// <c>((LR_INIT - LR_MIN) / 2) (cos(pi mod(x - 1, CYCLE) / CYCLE) + 1) + LR_MIN</c>.
    /// </summary>
    /// <param name="lrInit">the rate at the start of each cycle, > 0.</param>
    /// <param name="lrMin">the floor, in [0, lrInit].</param>
    /// <param name="cycle">the cycle length in steps, >= 1.</param>
    public static LrSchedule ArticleCyclic(double lrInit, double lrMin, int cycle)
    {
        Check.Positive(lrInit, nameof(lrInit));
        CheckFloor(lrMin, lrInit, nameof(lrMin), nameof(lrInit));
        Check.Positive(cycle, nameof(cycle));
        return new ArticleCyclicSchedule(lrInit, lrMin, cycle);
    }

    private static void CheckFloor(double lrMin, double lrMax, string minName, string maxName)
    {
        if (double.IsNaN(lrMin) || lrMin < 0 || lrMin > lrMax)
            throw new ArgumentOutOfRangeException(minName, lrMin, $"{minName} must be in [0, {maxName} = {lrMax}], got {lrMin}.");
    }

    private sealed class CosineWarmRestartsSchedule(double lrMax, double lrMin, int period, int periodMult) : LrSchedule
    {
        protected override double Rate(int step)
        {
            // Constant time per step: with T_mult = 1 the cycle is step mod T_0; with T_mult >= 2 the loop runs once per
            // restart, which is logarithmic in the step.
            long tCur = step, tI = period;
            if (periodMult == 1) tCur %= tI;
            else while (tCur >= tI) { tCur -= tI; tI *= periodMult; }
            return lrMin + (lrMax - lrMin) * (1 + Math.Cos(Math.PI * tCur / tI)) / 2;
        }
    }

    private sealed class ArticleCyclicSchedule(double lrInit, double lrMin, int cycle) : LrSchedule
    {
        protected override double Rate(int step)
        {
            long x = step + 1L;
            return ((lrInit - lrMin) / 2) * (Math.Cos(Math.PI * ((x - 1) % cycle) / cycle) + 1) + lrMin;
        }
    }
}
