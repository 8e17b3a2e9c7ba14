namespace TricksKit.Experiments.Statistics;

/// <summary>
/// Student's t distribution: the quantiles a confidence interval on a mean of n paired differences needs
/// (<c>mean +- t(0.975, n - 1) * s / sqrt(n)</c>), from MathNet.Numerics (<c>StudentT.CDF</c> and <c>InvCDF</c>, location
/// 0, scale 1). <c>InvCDF</c> is one-sided: a 95% two-sided interval takes p = 0.975.
/// </summary>
public static class StudentT
{
    /// <summary>P(T &lt;= t) for <paramref name="df"/> degrees of freedom.</summary>
    public static double Cdf(double t, double df)
    {
        if (!(df > 0)) throw new ArgumentOutOfRangeException(nameof(df), df, "df must be > 0.");
        if (double.IsNaN(t)) return double.NaN;
        return MathNet.Numerics.Distributions.StudentT.CDF(0, 1, df, t);
    }

    /// <summary>The <paramref name="p"/> quantile (p in (0, 1)) for <paramref name="df"/> degrees of freedom, e.g. Quantile(0.975, 4) = 2.776.</summary>
    public static double Quantile(double p, double df)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in (0, 1).");
        if (!(df > 0)) throw new ArgumentOutOfRangeException(nameof(df), df, "df must be > 0.");
        return MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, p);
    }
}
