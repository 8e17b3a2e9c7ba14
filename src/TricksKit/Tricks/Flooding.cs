using TorchSharp;
using static TorchSharp.torch;
using TricksKit.Modules;

namespace TricksKit
{
    public static partial class Losses
    {
        /// <summary>
        /// Flooding (Ishida et al. 2020, "Do We Need Zero Training Loss After Achieving Zero Training Error?"):
        /// <c>J~ = |J - b| + b</c>. Above the flood level b it is the loss; below it the gradient's sign flips, so
        /// training ascends back to b. The article: <c>flood = (loss - b).abs() + b</c>.
        /// </summary>
        /// <param name="loss">the mini-batch loss, a scalar tensor.</param>
        /// <param name="level">the flood level b, >= 0.</param>
        public static Tensor Flood(Tensor loss, double level)
        {
            Check.NotNull(loss, nameof(loss));
            Check.AtLeast(level, 0, nameof(level));
            if (loss.numel() != 1)
                throw new ArgumentException($"loss must be the reduced (scalar) mini-batch loss, got shape {Check.Shape(loss)}.", nameof(loss));
            using var scope = NewDisposeScope();
            return Safe.Add(Safe.Sub(loss, level).abs(), level).MoveToOuterDisposeScope();
        }

        /// <summary>Wraps any loss that reduces to a scalar so that its value is flooded at <paramref name="level"/>.</summary>
        public static Loss<Tensor, Tensor, Tensor> Flooded(Loss<Tensor, Tensor, Tensor> inner, double level) =>
            new FloodedLoss(inner, level);
    }
}

namespace TricksKit.Modules
{
    /// <summary>A loss flooded at level b; see <see cref="Losses.Flood"/>.</summary>
    public sealed class FloodedLoss : Loss<Tensor, Tensor, Tensor>
    {
        /// <summary>Floods <paramref name="inner"/> at <paramref name="level"/>; see <see cref="Losses.Flooded"/>.</summary>
        public FloodedLoss(Loss<Tensor, Tensor, Tensor> inner, double level) : base(nn.Reduction.Mean)
        {
            Inner = inner ?? throw new ArgumentNullException(nameof(inner), "inner must be a loss, got null.");
            Level = Check.AtLeast(level, 0, nameof(level));
            register_module("inner", inner);
        }

        /// <summary>The loss being flooded.</summary>
        public Loss<Tensor, Tensor, Tensor> Inner { get; }
        /// <summary>The flood level b.</summary>
        public double Level { get; }

        /// <summary><c>|J - b| + b</c> of the inner loss J (Ishida et al. 2020).</summary>
        public override Tensor forward(Tensor input, Tensor target)
        {
            using var scope = NewDisposeScope();
            return Losses.Flood(Inner.call(input, target), Level).MoveToOuterDisposeScope();
        }
    }
}
