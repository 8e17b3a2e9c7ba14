using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TricksKit;

public static partial class Models
{
    /// <summary>
    /// A small CNN for 28x28 images: conv 3x3 (16) - ReLU - max-pool 2 - conv 3x3 (32) - ReLU - max-pool 2 - linear to
    /// <paramref name="classes"/>. Input (N, <paramref name="channels"/>, 28, 28).
    /// </summary>
    public static Sequential SmallCnn(int channels = 1, int classes = 10, int width = 16)
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be >= 1.");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be >= 2.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be >= 1.");
        return nn.Sequential(
            ("conv0", nn.Conv2d(channels, width, 3, padding: 1)), ("act0", nn.ReLU()), ("pool0", nn.MaxPool2d(2)),
            ("conv1", nn.Conv2d(width, 2 * width, 3, padding: 1)), ("act1", nn.ReLU()), ("pool1", nn.MaxPool2d(2)),
            ("flatten", nn.Flatten()), ("linear", nn.Linear(2 * width * 7 * 7, classes)));
    }
}
