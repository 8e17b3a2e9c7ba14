using TorchSharp;
using static TorchSharp.torch;
using TricksKit.Modules;

namespace TricksKit
{
    public static partial class Layers
    {
        /// <summary>
        /// Inverted dropout (Srivastava et al. 2014): in training keep each unit with probability 1 - p and scale
        /// the kept ones by <c>1 / (1 - p)</c>, so <c>E[y] = x</c>; in evaluation, the identity. Same as PyTorch's
        /// <c>nn.Dropout(p)</c>. Draws from TorchSharp's global generator, so <c>torch.manual_seed</c> fixes the masks.
        /// </summary>
        /// <param name="p">probability of dropping a unit, in [0, 1).</param>
        public static Dropout Dropout(double p = 0.5) => new(p);
    }
}

namespace TricksKit.Modules
{
    /// <summary>Inverted dropout; see <see cref="Layers.Dropout"/>.</summary>
    public sealed class Dropout : nn.Module<Tensor, Tensor>
    {
        /// <summary>Inverted dropout with drop probability <paramref name="p"/>; see <see cref="Layers.Dropout"/>.</summary>
        public Dropout(double p = 0.5) : base(nameof(Dropout))
        {
            P = Check.InRange(p, 0, 1, nameof(p));
        }

        /// <summary>The probability of dropping a unit.</summary>
        public double P { get; }

        /// <summary>In training, zeroes each unit with probability P and scales the rest by 1 / (1 - P); in evaluation, the input.</summary>
        public override Tensor forward(Tensor input)
        {
            Check.NotNull(input, nameof(input));
            if (!training || P == 0) return input.alias();
            using var scope = NewDisposeScope();
            using var keepProbability = (1 - P).ToScalar();
            var keep = bernoulli(full_like(input, keepProbability));
            return Safe.Div(input * keep, 1 - P).MoveToOuterDisposeScope();
        }
    }
}
