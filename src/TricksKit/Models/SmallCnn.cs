using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TricksKit;

public static partial class Models
{
    /// <summary>
    /// A small CNN for 28x28 images, as in the conv-net studies of Krizhevsky et al. 2012 and Wu and He 2018 scaled down:
    /// conv 3x3 (<paramref name="width"/>) - norm - activation - max-pool 2 - conv 3x3 (2 x width) - norm - activation -
    /// max-pool 2 - linear to <paramref name="classes"/>. Input (N, <paramref name="channels"/>, 28, 28). The defaults
    /// (ReLU, TorchSharp's initialisation, no norm) are the plain net.
    /// </summary>
    /// <param name="channels">input channels, >= 1.</param>
    /// <param name="classes">outputs, >= 2.</param>
    /// <param name="width">the first convolution's channels (the second has twice as many), >= 1.</param>
    /// <param name="activation">the non-linearity after each convolution (and its norm).</param>
    /// <param name="init">the convolutions' and the linear layer's initialisation.</param>
    /// <param name="norm">the normalisation between each convolution and its activation.</param>
    /// <param name="groups">G for <see cref="Norm.GroupNorm"/>: min(G, channels) groups per layer, dividing each layer's channels.</param>
    public static Sequential SmallCnn(int channels = 1, int classes = 10, int width = 16, Activation activation = Activation.ReLU,
        Init init = Init.Default, Norm norm = Norm.None, int groups = 8)
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be >= 1.");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be >= 2.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be >= 1.");
        if (groups < 1) throw new ArgumentOutOfRangeException(nameof(groups), groups, "groups must be >= 1.");
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int input = channels;
        foreach (var (i, output) in new[] { (0, width), (1, 2 * width) })
        {
            var conv = nn.Conv2d(input, output, 3, padding: 1);
            Initialise(conv.weight, conv.bias, init, activation);
            layers.Add(($"conv{i}", conv));
            if (NormModule(norm, output, groups) is { } n) layers.Add(($"norm{i}", n));
            layers.Add(($"act{i}", ActivationModule(activation)));
            layers.Add(($"pool{i}", nn.MaxPool2d(2)));
            input = output;
        }
        var linear = nn.Linear(2 * width * 7 * 7, classes);
        Initialise(linear.weight, linear.bias, init, Activation.Sigmoid);
        layers.Add(("flatten", nn.Flatten()));
        layers.Add(("linear", linear));
        return nn.Sequential(layers);
    }
}
