using TorchSharp;
using static TorchSharp.torch;
using TricksKit.Modules;

namespace TricksKit
{
    /// <summary>The tricks' losses, as TorchSharp loss modules.</summary>
    public static partial class Losses
    {
        /// <summary>
        /// Adapts a binary loss on logits (such as <see cref="SigmoidFocal"/>) to a model that outputs (N, 1) logits and
        /// to class-index targets (N) in {0, 1}, as the kit's training loop passes them.
        /// </summary>
        public static Loss<Tensor, Tensor, Tensor> OnBinaryLogits(Loss<Tensor, Tensor, Tensor> inner) => new BinaryLogitsLoss(inner);
    }
}

namespace TricksKit.Modules
{
    /// <summary>See <see cref="Losses.OnBinaryLogits"/>.</summary>
    public sealed class BinaryLogitsLoss : Loss<Tensor, Tensor, Tensor>
    {
        /// <summary>Wraps <paramref name="inner"/>; see <see cref="Losses.OnBinaryLogits"/>.</summary>
        public BinaryLogitsLoss(Loss<Tensor, Tensor, Tensor> inner) : base(nn.Reduction.Mean)
        {
            Inner = inner ?? throw new ArgumentNullException(nameof(inner), "inner must be a loss, got null.");
            register_module("inner", inner);
        }

        /// <summary>The wrapped binary loss.</summary>
        public Loss<Tensor, Tensor, Tensor> Inner { get; }

        /// <summary>The inner loss of (N, 1) logits against (N) targets in {0, 1}.</summary>
        public override Tensor forward(Tensor input, Tensor target)
        {
            Check.NotNull(input, nameof(input));
            Check.NotNull(target, nameof(target));
            if (input.numel() != target.numel())
                throw new ArgumentException($"input must hold one logit per target ({target.numel()}), got shape {Check.Shape(input)}.", nameof(input));
            using var scope = NewDisposeScope();
            return Inner.call(input.reshape(-1), target.reshape(-1).to_type(input.dtype)).MoveToOuterDisposeScope();
        }
    }
}
