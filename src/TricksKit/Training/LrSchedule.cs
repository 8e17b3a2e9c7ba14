using TorchSharp;

using TricksKit.Training;

namespace TricksKit.Training
{
    /// <summary>
    /// A learning-rate schedule: the rate for each 0-based optimisation step. <see cref="Apply"/> sets it on a
    /// TorchSharp optimizer, so one schedule drives training and is also what the charts show.
    /// </summary>
    public abstract class LrSchedule
    {
        /// <summary>The learning rate at 0-based <paramref name="step"/> (>= 0).</summary>
        public double At(int step)
        {
            if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, $"step must be >= 0, got {step}.");
            return Rate(step);
        }

        /// <summary>The rate at a valid step.</summary>
        protected abstract double Rate(int step);

        /// <summary>Sets every parameter group of <paramref name="optimizer"/> to the rate at <paramref name="step"/>; returns it.</summary>
        public double Apply(torch.optim.Optimizer optimizer, int step)
        {
            ArgumentNullException.ThrowIfNull(optimizer);
            double lr = At(step);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
            return lr;
        }

        /// <summary>The rates of steps 0 .. count - 1.</summary>
        public IReadOnlyList<double> Take(int count)
        {
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be >= 0, got {count}.");
            return Enumerable.Range(0, count).Select(Rate).ToArray();
        }
    }
}

namespace TricksKit
{
    /// <summary>Learning-rate schedules.</summary>
    public static partial class Schedules
    {
        /// <summary>The same rate at every step.</summary>
        public static LrSchedule Constant(double lr) => new ConstantSchedule(Check.Positive(lr, nameof(lr)));

        private sealed class ConstantSchedule(double lr) : LrSchedule
        {
            protected override double Rate(int step) => lr;
        }
    }
}
