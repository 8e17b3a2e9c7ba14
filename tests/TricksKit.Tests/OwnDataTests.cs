using System.Text.Json;
using Tricks.Lab.BagOfTricks;
using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Tests;

/// <summary>
/// The bag of tricks on a user's data (#23): the CSV, image-folder and IDX readers, their errors (each naming the file
/// and what is wrong), and the twin's <c>--data</c> run end to end on the shipped tables and an image folder written here.
/// </summary>
public class OwnDataTests
{
    private static readonly string Datasets = Path.Combine(Tricks.Lab.Repository.FindRoot(), "datasets");

    private static string TempDir() => Directory.CreateTempSubdirectory("tricks-own-").FullName;

    private static string Csv(string dir, string name, params string[] lines)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void The_shipped_tables_read_with_a_named_or_numbered_label_column()
    {
        using var cancer = TabularCsv.Read(Path.Combine(Datasets, "breast_cancer.csv"), "target");
        Assert.Equal(new long[] { 569, 30 }, cancer.Features.shape);
        Assert.Equal(new[] { "malignant", "benign" }, cancer.ClassNames);
        using var byIndex = TabularCsv.Read(Path.Combine(Datasets, "breast_cancer.csv"), "-1");
        Assert.True(byIndex.Labels.equal(cancer.Labels).all().item<bool>());
        using var digits = TabularCsv.Read(Path.Combine(Datasets, "digits.csv.gz"), "64");
        Assert.Equal(new long[] { 1797, 64 }, digits.Features.shape);
        Assert.Equal(10, digits.Classes);
        using var shipped = CsvData.Digits(Path.Combine(Datasets, "digits.csv.gz"));
        Assert.True(digits.Labels.equal(shipped.Labels).all().item<bool>());
    }

    [Fact]
    public void A_header_names_the_columns_and_string_labels_become_classes()
    {
        var dir = TempDir();
        try
        {
            var path = Csv(dir, "t.csv", "a,b,kind", "1,2,cat", "3,4.5,dog", "5,6,cat", "7,8e-1,bird");
            using var data = TabularCsv.Read(path, "kind");
            Assert.Equal(new[] { "bird", "cat", "dog" }, data.ClassNames);
            Assert.Equal(new long[] { 1, 2, 1, 0 }, data.Labels.data<long>().ToArray());
            Assert.Equal(new long[] { 4, 2 }, data.Features.shape);
            Assert.Equal(0.8f, data.Features[3, 1].item<float>(), 6);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Bad_tables_get_errors_naming_the_file_and_what_is_wrong()
    {
        var dir = TempDir();
        try
        {
            var good = Csv(dir, "good.csv", "x,y", "1,0", "2,1");
            var e = Assert.Throws<InvalidDataException>(() => TabularCsv.Read(good, "label"));
            Assert.Contains(good, e.Message);
            Assert.Contains("no label column 'label'", e.Message);
            Assert.Contains("x, y", e.Message);

            var text = Csv(dir, "text.csv", "x,z,y", "1,2,0", "2,abc,1");
            e = Assert.Throws<InvalidDataException>(() => TabularCsv.Read(text, "y"));
            Assert.Contains(text, e.Message);
            Assert.Contains("line 3, column 'z': 'abc' is not a finite number", e.Message);

            var single = Csv(dir, "single.csv", "x,y", "1,1", "2,1", "3,1");
            e = Assert.Throws<InvalidDataException>(() => TabularCsv.Read(single, "y"));
            Assert.Contains(single, e.Message);
            Assert.Contains("single class", e.Message);

            var ragged = Csv(dir, "ragged.csv", "x,y", "1,0", "2,1,7");
            e = Assert.Throws<InvalidDataException>(() => TabularCsv.Read(ragged, "y"));
            Assert.Contains("line 3 has 3 fields, expected 2", e.Message);

            var small = Csv(dir, "small.csv", "x,y", "1,0", "2,0", "3,0", "4,1", "5,1");
            e = Assert.Throws<InvalidDataException>(() => OwnData.Load(small, "y"));
            Assert.Contains(small, e.Message);
            Assert.Contains("too few rows for the validation split: class '1' has 2", e.Message);

            Assert.Equal("label", Assert.Throws<ArgumentException>(() => OwnData.Load(good)).ParamName);
            Assert.Throws<FileNotFoundException>(() => OwnData.Load(Path.Combine(dir, "none.csv"), "y"));
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>An image folder of <paramref name="classes"/> classes, <paramref name="perClass"/> PNGs each (a JPEG among them), 12x10 pixels, each class a brightness.</summary>
    private static string ImageFolderOf(string dir, int classes, int perClass, bool colour)
    {
        Kit.Init();
        var imager = new torchvision.io.SkiaImager();
        var generator = new Generator(7);
        for (int c = 0; c < classes; c++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(dir, $"class{c}")).FullName;
            for (int i = 0; i < perClass; i++)
            {
                using var scope = NewDisposeScope();
                var pixels = (rand(new long[] { colour ? 3 : 1, 10, 12 }, generator: generator) * 60 + 60 * c).to_type(ScalarType.Byte);
                var jpeg = i == 0;
                torchvision.io.write_image(pixels, Path.Combine(folder, $"{i}.{(jpeg ? "jpg" : "png")}"), jpeg ? torchvision.ImageFormat.Jpeg : torchvision.ImageFormat.Png, imager);
            }
        }
        File.WriteAllText(Path.Combine(dir, "class0", "notes.txt"), "not an image: ignored");
        return dir;
    }

    [Fact]
    public void An_image_folder_reads_one_class_per_subfolder_resized_and_an_unreadable_image_is_named()
    {
        var dir = TempDir();
        try
        {
            ImageFolderOf(Path.Combine(dir, "grey"), 3, 4, colour: false);
            using (var grey = ImageFolder.Read(Path.Combine(dir, "grey"), size: 8))
            {
                Assert.Equal(new long[] { 12, 1, 8, 8 }, grey.Features.shape);
                Assert.Equal(new[] { "class0", "class1", "class2" }, grey.ClassNames);
                Assert.InRange(grey.Features.max().item<float>(), 0.5f, 1f);
                Assert.True(grey.Features.min().item<float>() >= 0);
            }
            ImageFolderOf(Path.Combine(dir, "colour"), 2, 3, colour: true);
            using (var colour = ImageFolder.Read(Path.Combine(dir, "colour")))
                Assert.Equal(new long[] { 6, 3, 28, 28 }, colour.Features.shape);

            var broken = Path.Combine(dir, "grey", "class1", "broken.png");
            File.WriteAllText(broken, "not a png");
            var e = Assert.Throws<InvalidDataException>(() => ImageFolder.Read(Path.Combine(dir, "grey")));
            Assert.Contains(broken, e.Message);
            Assert.Contains("not a readable PNG or JPEG image", e.Message);

            Directory.CreateDirectory(Path.Combine(dir, "one", "only"));
            File.Copy(Path.Combine(dir, "grey", "class0", "1.png"), Path.Combine(dir, "one", "only", "1.png"));
            e = Assert.Throws<InvalidDataException>(() => ImageFolder.Read(Path.Combine(dir, "one")));
            Assert.Contains("only 'only' holds", e.Message);
            Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolder.Read(Path.Combine(dir, "grey"), size: 2)).ParamName);
        }
        finally { Directory.Delete(dir, true); }
    }

    private static void WriteIdx(string path, byte[] data, params int[] dims)
    {
        var header = new List<byte> { 0, 0, 8, (byte)dims.Length };
        foreach (var d in dims) header.AddRange(new[] { (byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d });
        File.WriteAllBytes(path, header.Concat(data).ToArray());
    }

    [Fact]
    public void An_idx_pair_reads_as_images_and_labels_and_a_count_mismatch_is_named()
    {
        var dir = TempDir();
        try
        {
            var images = Path.Combine(dir, "images-idx3-ubyte");
            var labels = Path.Combine(dir, "labels-idx1-ubyte");
            WriteIdx(images, Enumerable.Range(0, 9 * 4 * 4).Select(i => (byte)(i % 256)).ToArray(), 9, 4, 4);
            WriteIdx(labels, new byte[] { 0, 1, 2, 0, 1, 2, 0, 1, 2 }, 9);
            using (var data = Idx.ReadLabeled(images, labels))
            {
                Assert.Equal(new long[] { 9, 1, 4, 4 }, data.Features.shape);
                Assert.Equal(3, data.Classes);
                Assert.Equal(95 / 255f, data.Features[5, 0, 3, 3].item<float>(), 6);
            }
            var five = Path.Combine(dir, "five-idx1-ubyte");
            WriteIdx(five, new byte[] { 0, 1, 2, 0, 1 }, 5);
            var e = Assert.Throws<InvalidDataException>(() => Idx.ReadLabeled(images, five));
            Assert.Contains("9 images", e.Message);
            Assert.Contains(five, e.Message);
            // The twin's loader tells an IDX file by its header, and takes the labels file as --label.
            using var own = OwnData.Load(images, labels);
            Assert.True(own.IsImage);
        }
        finally { Directory.Delete(dir, true); }
    }

    private static (int Code, string Out, string Err) Twin(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var before = Console.Error;
        Console.SetError(error);
        try { return (OwnData.Main(args, output), output.ToString(), error.ToString()); }
        finally { Console.SetError(before); }
    }

    [Theory]
    [InlineData("breast_cancer.csv", "target", "11-bag-of-tricks-breast-cancer", 2)]
    [InlineData("digits.csv.gz", "-1", "11-bag-of-tricks-digits", 10)]
    public void The_twin_runs_the_ablation_on_a_shipped_table(string file, string label, string name, int classes)
    {
        var results = TempDir();
        try
        {
            var (code, output, error) = Twin("--data", Path.Combine(Datasets, file), "--label", label, "--mode", "quick", "--seeds", "1,2,3,4,5", "--results", results);
            Assert.True(code == 0, error + output);
            Assert.Contains($"{classes} classes", output);
            Assert.Contains("rates chosen on validation: baseline", output);
            Assert.Contains("all tricks against the baseline", output);
            Assert.Contains("leave one out", output);
            var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, name + ".json")));
            // The baseline, each trick added, each left out, the A/A twin; the last trick left out has no arm of its own
            // when it is the cumulative stage before the full stack at the same rate (Ablation: trained once).
            var arms = json.RootElement.GetProperty("arms").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToHashSet();
            var tricks = BagOfTricksExperiment.Tricks;
            Assert.Contains(Ablation.BaselineName, arms);
            Assert.Contains(Ablation.NoiseName, arms);
            Assert.All(tricks, t => Assert.Contains(Ablation.AddedName(t), arms));
            Assert.All(tricks.SkipLast(1), t => Assert.Contains(Ablation.LeftOutName(t), arms));
            Assert.Equal(2 * tricks.Count + 1 + (arms.Contains(Ablation.LeftOutName(tricks[^1])) ? 1 : 0), arms.Count);
            Assert.True(File.Exists(Path.Combine(results, name + ".html")));
        }
        finally { Directory.Delete(results, true); }
    }

    [Fact]
    public void The_twin_runs_the_ablation_on_an_image_folder_and_bad_data_writes_nothing()
    {
        var dir = TempDir();
        try
        {
            var images = ImageFolderOf(Path.Combine(dir, "shapes"), 2, 8, colour: false);
            var results = Directory.CreateDirectory(Path.Combine(dir, "results")).FullName;
            var (code, output, error) = Twin("--data", images, "--size", "8", "--mode", "quick", "--seeds", "1,2,3,4,5", "--results", results);
            Assert.True(code == 0, error + output);
            Assert.Contains("images 1x8x8 (ResNetLite)", output);
            Assert.True(File.Exists(Path.Combine(results, "11-bag-of-tricks-shapes.json")));

            var bad = Path.Combine(dir, "bad");
            Directory.CreateDirectory(bad);
            var badResults = Path.Combine(dir, "bad-results");
            var single = Csv(bad, "single.csv", "x,y", "1,1", "2,1", "3,1");
            (code, _, error) = Twin("--data", single, "--label", "y", "--results", badResults);
            Assert.Equal(2, code);
            Assert.Contains(single, error);
            Assert.Contains("single class", error);
            (code, _, error) = Twin("--data", Path.Combine(Datasets, "breast_cancer.csv"), "--label", "nope", "--results", badResults);
            Assert.Equal(2, code);
            Assert.Contains("no label column 'nope'", error);
            Assert.False(Directory.Exists(badResults) && Directory.EnumerateFileSystemEntries(badResults).Any(), "bad data must write nothing");
        }
        finally { Directory.Delete(dir, true); }
    }
}
