using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit.Tests;

/// <summary>
/// The reference cases (data/tricks-reference.json, computed with PyTorch 1.13, torchvision and scikit-learn in double
/// precision; see data/REFERENCE-README.md).
/// </summary>
public static class Reference
{
    public const double Tolerance = 1e-6;

    private static readonly Lazy<JsonElement[]> All = new(() =>
    {
        var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "tricks-reference.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().ToArray();
    });

    public static IReadOnlyList<JsonElement> Cases(string trick) => All.Value.Where(c => c.GetProperty("trick").GetString() == trick).ToArray();

    /// <summary>Case numbers of one trick, for [MemberData].</summary>
    public static TheoryData<int> Numbers(string trick)
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Cases(trick).Count; i++) data.Add(i);
        return data;
    }

    public static JsonElement Case(string trick, int i) => Cases(trick)[i];

    public static double Num(this JsonElement c, string name) => c.GetProperty(name).GetDouble();

    /// <summary>A nested JSON array as a tensor of <paramref name="dtype"/>.</summary>
    public static Tensor T(this JsonElement c, string name, ScalarType dtype = ScalarType.Float64) => ToTensor(c.GetProperty(name), dtype);

    public static Tensor ToTensor(JsonElement e, ScalarType dtype = ScalarType.Float64)
    {
        Kit.Init();
        var shape = new List<long>();
        for (var x = e; x.ValueKind == JsonValueKind.Array; x = x[0]) shape.Add(x.GetArrayLength());
        var flat = new List<double>();
        void Walk(JsonElement x) { if (x.ValueKind == JsonValueKind.Array) foreach (var y in x.EnumerateArray()) Walk(y); else flat.Add(x.GetDouble()); }
        Walk(e);
        return tensor(flat.ToArray(), dtype: ScalarType.Float64).reshape(shape.ToArray()).to_type(dtype);
    }

    public static double[] Values(this JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>Asserts every element of <paramref name="actual"/> is within <paramref name="tol"/> of <paramref name="expected"/>.</summary>
    public static void Close(Tensor expected, Tensor actual, double tol = Tolerance, string what = "")
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = expected.to_type(ScalarType.Float64).flatten().data<double>().ToArray();
        var a = actual.detach().to_type(ScalarType.Float64).flatten().data<double>().ToArray();
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tol, $"{what}[{i}]: expected {e[i]:R}, got {a[i]:R} (tolerance {tol})");
    }

    public static void Close(double expected, double actual, double tol = Tolerance, string what = "") =>
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tol})");

    public static void Close(double expected, Tensor actual, double tol = Tolerance, string what = "") =>
        Close(expected, actual.to_type(ScalarType.Float64).item<double>(), tol, what);

    public static nn.Reduction ParseReduction(string? s) => s switch
    {
        "mean" or null => nn.Reduction.Mean,
        "sum" => nn.Reduction.Sum,
        "none" => nn.Reduction.None,
        _ => throw new ArgumentException(s),
    };
}
