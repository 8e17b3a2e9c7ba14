using TorchSharp;
using static TorchSharp.torch;
using TricksKit.Modules;

namespace TricksKit
{
    public static partial class Layers
    {
        /// <summary>
        /// A residual block (He et al. 2016, "Deep Residual Learning"): <c>y = F(x) + shortcut(x)</c>, the shortcut
        /// being the identity unless given (e.g. a projection when shapes change). The article: <c>F(x) = F(x) + x</c>.
        /// </summary>
        public static Residual Residual(nn.Module<Tensor, Tensor> body, nn.Module<Tensor, Tensor>? shortcut = null) =>
            new(body, shortcut);
    }
}

namespace TricksKit.Modules
{
    /// <summary><c>body(x) + shortcut(x)</c>; see <see cref="Layers.Residual"/>.</summary>
    public sealed class Residual : nn.Module<Tensor, Tensor>
    {
        /// <summary><c>body(x) + shortcut(x)</c>, the shortcut the identity unless given; see <see cref="Layers.Residual"/>.</summary>
        public Residual(nn.Module<Tensor, Tensor> body, nn.Module<Tensor, Tensor>? shortcut = null) : base(nameof(Residual))
        {
            Body = body ?? throw new ArgumentNullException(nameof(body), "body must be a module, got null.");
            Shortcut = shortcut;
            register_module("body", body);
            if (shortcut is not null) register_module("shortcut", shortcut);
        }

        /// <summary>F, the residual branch.</summary>
        public nn.Module<Tensor, Tensor> Body { get; }
        /// <summary>The shortcut (a projection), or null for the identity.</summary>
        public nn.Module<Tensor, Tensor>? Shortcut { get; }

        /// <summary><c>F(x) + x</c> (or <c>F(x) + shortcut(x)</c>).</summary>
        public override Tensor forward(Tensor input)
        {
            Check.NotNull(input, nameof(input));
            using var scope = NewDisposeScope();
            var f = Body.call(input);
            var s = Shortcut is null ? input : Shortcut.call(input);
            if (!f.shape.SequenceEqual(s.shape))
                throw new ArgumentException(
                    $"body output {Check.Shape(f)} and shortcut output {Check.Shape(s)} must have the same shape: give a projection shortcut.", nameof(input));
            return Safe.Plus(f, s).MoveToOuterDisposeScope();
        }
    }
}
