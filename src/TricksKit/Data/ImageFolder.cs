using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit.Data;

/// <summary>
/// torchvision's <c>ImageFolder</c> convention: <c>root/class_name/image.png</c>, one subfolder per class (classes in
/// ordinal order of their names), PNG or JPEG images decoded by TorchVision for .NET (<c>torchvision.io</c>, SkiaSharp).
/// </summary>
public static class ImageFolder
{
    /// <summary>The file extensions read (case-insensitive); other files are ignored.</summary>
    public static readonly IReadOnlyList<string> Extensions = new[] { ".png", ".jpg", ".jpeg" };

    /// <summary>
    /// Reads every image under <paramref name="root"/>'s subfolders, resized to <paramref name="size"/> x
    /// <paramref name="size"/> (bilinear): features (N, C, size, size) float32 in [0, 1], with C = 1 when every image is
    /// grey and 3 (RGB) otherwise; labels (N) int64, the subfolder's index.
    /// </summary>
    /// <param name="root">the folder holding one subfolder per class.</param>
    /// <param name="size">the side the images are resized to, in [4, 512].</param>
    /// <exception cref="InvalidDataException">naming the folder or file: fewer than 2 class folders with images, or an image that cannot be decoded.</exception>
    public static LabeledData Read(string root, int size = 28)
    {
        if (string.IsNullOrWhiteSpace(root)) throw new ArgumentException("root must name a folder of class subfolders.", nameof(root));
        if (size is < 4 or > 512) throw new ArgumentOutOfRangeException(nameof(size), size, "size must be in [4, 512].");
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"{Path.GetFullPath(root)} is not a folder.");
        var classes = Directory.GetDirectories(root).Select(d => (Name: Path.GetFileName(d), Files: Images(d))).Where(c => c.Files.Length > 0)
            .OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
            throw new InvalidDataException($"{root}: {(classes.Length == 0 ? "no class subfolder holds" : $"only '{classes[0].Name}' holds")} PNG or JPEG images: an image folder needs one subfolder per class, at least 2.");
        Kit.Init();
        var imager = new torchvision.io.SkiaImager();
        using var scope = NewDisposeScope();
        var images = new List<Tensor>();
        var labels = new List<long>();
        for (int c = 0; c < classes.Length; c++)
            foreach (var file in classes[c].Files)
            {
                images.Add(Decode(file, imager, size));
                labels.Add(c);
            }
        bool grey = images.All(i => i.shape[0] == 1);
        var x = Safe.Div(stack(images.Select(i => grey ? i : i.expand(3, size, size)).ToArray()), 255);
        var y = tensor(labels.ToArray());
        return new LabeledData(x.DetachFromDisposeScope(), y.DetachFromDisposeScope(), classes.Select(c => c.Name).ToArray(), Path.GetFileName(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar)));
    }

    private static string[] Images(string folder) => Directory.GetFiles(folder)
        .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal).ToArray();

    /// <summary>One image as (1 or 3, size, size) float32 in [0, 255]: grey stays one channel, anything else becomes RGB.</summary>
    private static Tensor Decode(string file, torchvision.io.Imager imager, int size)
    {
        Tensor raw;
        try
        {
            raw = torchvision.io.read_image(file, torchvision.io.ImageReadMode.UNCHANGED, imager);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{file}: not a readable PNG or JPEG image ({e.GetType().Name}).", e);
        }
        if (raw is null || raw.dim() != 3 || raw.shape[1] < 1 || raw.shape[2] < 1)
            throw new InvalidDataException($"{file}: not a readable PNG or JPEG image (decoded to no pixels).");
        var rgb = raw.shape[0] switch
        {
            1 => raw,
            2 => raw.narrow(0, 0, 1),              // grey + alpha: the grey
            _ => raw.narrow(0, 0, 3),              // RGB(A): the colours
        };
        var f = rgb.to_type(ScalarType.Float32).unsqueeze(0);
        return nn.functional.interpolate(f, new long[] { size, size }, mode: InterpolationMode.Bilinear, align_corners: false).squeeze(0);
    }
}
