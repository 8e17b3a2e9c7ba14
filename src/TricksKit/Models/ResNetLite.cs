using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TricksKit;

public static partial class Models
{
    /// <summary>
    /// He et al. 2016's plain / residual pair, scaled down for 28x28 images (the bag-of-tricks net): a stage of
    /// conv 3x3 (<paramref name="width"/>) - norm - activation, then <paramref name="blocks"/> blocks conv 3x3 - norm -
    /// activation (with <paramref name="skip"/>: <c>x + block(x)</c>), max-pool 2; a second stage at 2 x width; dropout
    /// <paramref name="dropout"/>; linear to <paramref name="classes"/>. Input (N, <paramref name="channels"/>,
    /// <paramref name="size"/>, <paramref name="size"/>). With and without <paramref name="skip"/> the nets have the same parameters, so with the
    /// same seed they start from the same weights.
    /// </summary>
    /// <param name="channels">input channels, >= 1.</param>
    /// <param name="classes">outputs, >= 2.</param>
    /// <param name="width">the first stage's channels (the second has twice as many), >= 1.</param>
    /// <param name="activation">the non-linearity after each convolution and its norm.</param>
    /// <param name="init">the convolutions' and the linear layer's initialisation.</param>
    /// <param name="norm">the normalisation between each convolution and its activation.</param>
    /// <param name="skip">identity shortcuts around each stage's block (He et al. 2016).</param>
    /// <param name="dropout">dropout probability before the linear layer, in [0, 1) (Srivastava et al. 2014).</param>
    /// <param name="size">the input's height and width, >= 4 (each max-pool halves it, rounding down).</param>
    /// <param name="blocks">blocks per stage, >= 1.</param>
    public static Sequential ResNetLite(int channels = 1, int classes = 10, int width = 8, Activation activation = Activation.ReLU,
        Init init = Init.He, Norm norm = Norm.BatchNorm, bool skip = true, double dropout = 0, int size = 28, int blocks = 1)
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be >= 1.");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be >= 2.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be >= 1.");
        if (size < 4) throw new ArgumentOutOfRangeException(nameof(size), size, "size must be >= 4.");
        if (blocks < 1) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "blocks must be >= 1.");
        Check.InRange(dropout, 0, 1, nameof(dropout));
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int input = channels;
        foreach (var (i, output) in new[] { (0, width), (1, 2 * width) })
        {
            layers.Add(($"stem{i}", ConvUnit(input, output, activation, init, norm)));
            for (int b = 0; b < blocks; b++)
            {
                var block = ConvUnit(output, output, activation, init, norm);
                layers.Add((blocks == 1 ? $"block{i}" : $"block{i}_{b}", skip ? Layers.Residual(block) : block));
            }
            layers.Add(($"pool{i}", nn.MaxPool2d(2)));
            input = output;
        }
        layers.Add(("flatten", nn.Flatten()));
        if (dropout > 0) layers.Add(("drop", Layers.Dropout(dropout)));
        var linear = nn.Linear(2 * width * (size / 2 / 2) * (size / 2 / 2), classes);
        Initialise(linear.weight, linear.bias, init, Activation.Sigmoid);
        layers.Add(("linear", linear));
        return nn.Sequential(layers);
    }

    /// <summary>
    /// The tabular counterpart of <see cref="ResNetLite"/>: linear (<paramref name="inputs"/> to <paramref name="width"/>) -
    /// norm - activation, then <paramref name="depth"/> blocks linear - norm - activation (with <paramref name="skip"/>:
    /// <c>x + block(x)</c>), dropout <paramref name="dropout"/>, linear to <paramref name="classes"/>.
    /// </summary>
    /// <param name="inputs">input features, >= 1.</param>
    /// <param name="classes">outputs, >= 2.</param>
    /// <param name="width">hidden width, >= 1.</param>
    /// <param name="depth">residual blocks, >= 1.</param>
    /// <param name="activation">the hidden non-linearity.</param>
    /// <param name="init">the linear layers' initialisation.</param>
    /// <param name="norm">the normalisation before each hidden activation.</param>
    /// <param name="skip">identity shortcuts around each block.</param>
    /// <param name="dropout">dropout probability before the last layer, in [0, 1).</param>
    public static Sequential ResidualMlp(int inputs, int classes, int width = 64, int depth = 2, Activation activation = Activation.ReLU,
        Init init = Init.He, Norm norm = Norm.BatchNorm, bool skip = true, double dropout = 0)
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "inputs must be >= 1.");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be >= 2.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be >= 1.");
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "depth must be >= 1.");
        Check.InRange(dropout, 0, 1, nameof(dropout));
        var layers = new List<(string, nn.Module<Tensor, Tensor>)> { ("input", LinearUnit(inputs, width, activation, init, norm)) };
        for (int i = 0; i < depth; i++)
        {
            var block = LinearUnit(width, width, activation, init, norm);
            layers.Add(($"block{i}", skip ? Layers.Residual(block) : block));
        }
        if (dropout > 0) layers.Add(("drop", Layers.Dropout(dropout)));
        var head = nn.Linear(width, classes);
        Initialise(head, init, Activation.Sigmoid);
        layers.Add(("head", head));
        return nn.Sequential(layers);
    }

    private static Sequential ConvUnit(int input, int output, Activation activation, Init init, Norm norm)
    {
        var conv = nn.Conv2d(input, output, 3, padding: 1);
        Initialise(conv.weight, conv.bias, init, activation);
        var unit = new List<(string, nn.Module<Tensor, Tensor>)> { ("conv", conv) };
        if (NormModule(norm, output, 8) is { } n) unit.Add(("norm", n));
        unit.Add(("act", ActivationModule(activation)));
        return nn.Sequential(unit);
    }

    private static Sequential LinearUnit(int input, int output, Activation activation, Init init, Norm norm)
    {
        var linear = nn.Linear(input, output);
        Initialise(linear, init, activation);
        var unit = new List<(string, nn.Module<Tensor, Tensor>)> { ("linear", linear) };
        if (NormModule(norm, output, 8) is { } n) unit.Add(("norm", n));
        unit.Add(("act", ActivationModule(activation)));
        return nn.Sequential(unit);
    }
}
