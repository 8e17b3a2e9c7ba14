using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TricksKit;

public static partial class Models
{
    /// <summary>
    /// A deep BN-MLP for the skip-connection experiment: input projection to <paramref name="width"/>, then
    /// <paramref name="depth"/> blocks of Linear - BatchNorm - ReLU, then BatchNorm and a linear classifier. With
    /// <paramref name="residual"/> each block is wrapped as <c>x + block(x)</c> (He et al. 2016); without, it is plain.
    /// The two variants have identical parameters, so with the same seed they start from the same weights.
    /// </summary>
    public static Sequential DeepStack(int inputs, int width, int depth, int classes, bool residual)
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, $"inputs must be >= 1, got {inputs}.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be >= 1, got {width}.");
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, $"depth must be >= 1, got {depth}.");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"classes must be >= 2, got {classes}.");
        var layers = new List<(string, nn.Module<Tensor, Tensor>)> { ("input", nn.Linear(inputs, width)), ("input_act", nn.ReLU()) };
        for (int i = 0; i < depth; i++)
        {
            // TorchSharp's native BatchNorm1d here: one kernel instead of the kit's written-out dozen, for speed at depth 32.
            var block = nn.Sequential(("linear", nn.Linear(width, width)), ("norm", nn.BatchNorm1d(width)), ("act", nn.ReLU()));
            layers.Add(($"block{i}", residual ? Layers.Residual(block) : block));
        }
        // A norm before the head: the residual sum grows with depth, and unnormalised it blows up the logits.
        layers.Add(("head_norm", nn.BatchNorm1d(width)));
        layers.Add(("head", nn.Linear(width, classes)));
        return nn.Sequential(layers);
    }

    /// <summary>
    /// A GAN generator MLP: noise (N, <paramref name="noise"/>) through <paramref name="layers"/> hidden ReLU layers of
    /// <paramref name="width"/> to (N, <paramref name="outputs"/>).
    /// </summary>
    public static Sequential Generator(int noise = 8, int width = 64, int layers = 3, int outputs = 2) =>
        GanMlp(noise, width, layers, outputs, nameof(noise));

    /// <summary>A GAN critic / discriminator MLP: (N, <paramref name="inputs"/>) to one unbounded score per sample, shape (N, 1).</summary>
    public static Sequential Critic(int inputs = 2, int width = 64, int layers = 3) =>
        GanMlp(inputs, width, layers, 1, nameof(inputs));

    private static Sequential GanMlp(int inputs, int width, int layers, int outputs, string inputName)
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(inputName, inputs, $"{inputName} must be >= 1, got {inputs}.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be >= 1, got {width}.");
        if (layers < 1) throw new ArgumentOutOfRangeException(nameof(layers), layers, $"layers must be >= 1, got {layers}.");
        var widths = new List<int> { inputs };
        widths.AddRange(Enumerable.Repeat(width, layers));
        widths.Add(outputs);
        return Mlp(widths, Activation.ReLU);
    }
}
