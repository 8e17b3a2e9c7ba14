namespace TricksKit.Training;

/// <summary>
/// How many libtorch threads the kit uses. The count changes floating-point rounding at notebook scale (a 784-256-256-10
/// MLP trained with 1 and with 2 threads ends with different weights), so a count chosen from the machine's load would
/// make reruns differ. The kit therefore uses one fixed count for the whole process, <see cref="Default"/> = 1 unless
/// told otherwise: results then depend only on the code, the data and the seeds, whatever else the machine is doing
/// (tested bit for bit under load). More throughput comes from running independent experiments side by side, each at
/// one thread (README "Threads").
/// </summary>
public static class ThreadPolicy
{
    /// <summary>The thread count when none is given: one, the same on every machine.</summary>
    public const int Default = 1;
}
