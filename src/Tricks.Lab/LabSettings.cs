using TricksKit.Experiments;

namespace Tricks.Lab;

/// <summary>The settings the notebooks and twins run with: the environment's (<see cref="ExperimentSettings.FromEnvironment"/>) with this repository's folders and the lab's worker.</summary>
public static class LabSettings
{
    /// <summary>
    /// <c>TRICKS_MODE</c>, <c>TRICKS_SEEDS</c>, <c>TRICKS_PARALLELISM</c>, <c>TRICKS_DATA</c>, <c>TRICKS_RESULTS_DIR</c>
    /// over <paramref name="defaultMode"/> and <paramref name="defaultSeeds"/>; data and results folders under the
    /// repository (when found); runs beyond the first lane in <see cref="Catalog.Worker"/> processes.
    /// </summary>
    public static ExperimentSettings FromEnvironment(string defaultMode = "quick", IReadOnlyList<int>? defaultSeeds = null, Func<string, string?>? environment = null) =>
        ExperimentSettings.FromEnvironment(defaultMode, defaultSeeds, environment, Repository.TryFindRoot()) with { Workers = Catalog.Worker() };
}
