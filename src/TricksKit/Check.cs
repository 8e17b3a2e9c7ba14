using static TorchSharp.torch;

namespace TricksKit;

/// <summary>Argument checks that name the parameter and the allowed range (never a native crash).</summary>
internal static class Check
{
    public static double AtLeast(double value, double min, string name)
    {
        if (double.IsNaN(value) || value < min)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be >= {min}, got {value}.");
        return value;
    }

    public static double Positive(double value, string name)
    {
        if (double.IsNaN(value) || value <= 0 || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0, got {value}.");
        return value;
    }

    public static long Positive(long value, string name)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be >= 1, got {value}.");
        return value;
    }

    /// <summary>value in [lo, hi) when <paramref name="hiOpen"/>, else [lo, hi].</summary>
    public static double InRange(double value, double lo, double hi, string name, bool hiOpen = true)
    {
        bool ok = !double.IsNaN(value) && value >= lo && (hiOpen ? value < hi : value <= hi);
        if (!ok)
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} must be in [{lo}, {hi}{(hiOpen ? ")" : "]")}, got {value}.");
        return value;
    }

    public static Tensor NotNull(Tensor? t, string name) =>
        t ?? throw new ArgumentNullException(name, $"{name} must not be null.");

    public static void Dims(Tensor t, string name, params long[] allowed)
    {
        NotNull(t, name);
        if (!allowed.Contains(t.dim()))
            throw new ArgumentException(
                $"{name} must have {string.Join(" or ", allowed)} dimensions, got shape {Shape(t)}.", name);
    }

    public static void NotEmpty(Tensor t, string name)
    {
        NotNull(t, name);
        if (t.numel() == 0) throw new ArgumentException($"{name} must not be empty, got shape {Shape(t)}.", name);
    }

    public static void SameShape(Tensor a, string aName, Tensor b, string bName)
    {
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"{aName} and {bName} must have the same shape, got {Shape(a)} and {Shape(b)}.", bName);
    }

    /// <summary>
    /// Class targets: 1-D, length <paramref name="n"/>, integral, every value in [0, classes). The value check reads
    /// the minimum and maximum back to the host: do it once per data set, not per step (<see cref="ClassTargetShape"/>).
    /// </summary>
    public static void ClassTargets(Tensor target, long n, long classes, string name = "target")
    {
        ClassTargetShape(target, n, name);
        if (n == 0 || target.device_type == TorchSharp.DeviceType.META) return;
        using var scope = NewDisposeScope();
        var range = stack(new[] { target.min(), target.max() }).to_type(ScalarType.Int64).data<long>().ToArray();
        if (range[0] < 0 || range[1] >= classes)
            throw new ArgumentException($"{name} values must be in [0, {classes - 1}], got [{range[0]}, {range[1]}].", name);
    }

    /// <summary>Class targets' shape and type only (1-D, length <paramref name="n"/>, integral): no read-back, for every step.</summary>
    public static void ClassTargetShape(Tensor target, long n, string name = "target")
    {
        Dims(target, name, 1);
        if (target.shape[0] != n)
            throw new ArgumentException($"{name} must hold one class per sample ({n}), got shape {Shape(target)}.", name);
        if (target.dtype != ScalarType.Int64 && target.dtype != ScalarType.Int32)
            throw new ArgumentException($"{name} must hold integer class indices (int64), got {target.dtype}.", name);
    }

    /// <summary>
    /// Runs <paramref name="op"/>, which indexes by class targets; libtorch's own bounds check (no extra read-back)
    /// becomes an <see cref="ArgumentException"/> naming the targets and the allowed range.
    /// </summary>
    public static Tensor IndexingBy(Tensor target, long classes, string name, Func<Tensor> op)
    {
        try { return op(); }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            throw new ArgumentException($"{name} values must be in [0, {classes - 1}] ({e.Message.Split('\n')[0]}).", name, e);
        }
    }

    public static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
