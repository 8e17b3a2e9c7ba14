using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Tensor-with-number arithmetic that keeps the TorchSharp <c>Scalar</c> alive until the native call returns.
/// TorchSharp 0.107's operators (<c>tensor * 0.5</c>) create a Scalar and leave it to the garbage collector, which can
/// finalize it while libtorch still reads it ("Unknown scalar type", at random). The kit's per-step code uses these.
/// </summary>
internal static class Safe
{
    // A static root: never finalized. TorchSharp's a + b, add(x) and add_(x) pass an implicit Scalar alpha = 1 that is
    // not (Tensor.add_(Scalar) is `add_(scalar, 1)`): pass this one explicitly instead.
    internal static readonly Scalar One = 1.ToScalar();

    /// <summary><c>a + b</c>.</summary>
    public static Tensor Plus(Tensor a, Tensor b) => a.add(b, One);
    /// <summary><c>a - b</c>.</summary>
    public static Tensor Minus(Tensor a, Tensor b) => a.sub(b); // (sub takes no Scalar: safe as it is)

    public static Tensor Add(Tensor t, double v) { using var s = v.ToScalar(); return t.add(s, One); }
    public static Tensor Sub(Tensor t, double v) { using var s = v.ToScalar(); return t.sub(s); }
    public static Tensor Mul(Tensor t, double v) { using var s = v.ToScalar(); return t.mul(s); }
    public static Tensor Div(Tensor t, double v) { using var s = v.ToScalar(); return t.div(s); }
    public static Tensor Pow(Tensor t, double v) { using var s = v.ToScalar(); return t.pow(s); }
    /// <summary><c>v - t</c>.</summary>
    public static Tensor RSub(double v, Tensor t) { using var s = v.ToScalar(); return t.neg().add_(s, One); }
    /// <summary>The one value of <paramref name="t"/> as a double, whatever its floating type (float32 values convert exactly).</summary>
    public static double ItemAsDouble(this Tensor t) => t.dtype switch
    {
        ScalarType.Float32 => t.item<float>(),
        ScalarType.Float64 => t.item<double>(),
        _ => ConvertedItem(t),
    };

    private static double ConvertedItem(Tensor t)
    {
        using var d = t.to_type(ScalarType.Float64);
        return d.item<double>();
    }

    public static Tensor Clamp_(Tensor t, double lo, double hi) { using var a = lo.ToScalar(); using var b = hi.ToScalar(); return t.clamp_(a, b); }
}
