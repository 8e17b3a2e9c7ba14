using TricksKit.Experiments;

namespace Tricks.Lab;

/// <summary>
/// A study's tuning sweep: arms trained as the study's own are (a rate, a budget), each measured on its seed's
/// validation split (<see cref="FashionSubsets.Validation"/>), never on the test set. The twin runs it with
/// <c>--sweep</c> on tuning seeds only (<see cref="StudyScript"/> refuses the CI seeds); what it chose and on which
/// seeds is written in <c>docs/design-log.md</c> before the design is confirmed on fresh seeds. A sweep has no claims:
/// it chooses, it does not conclude.
/// </summary>
/// <param name="Arms">the candidates, one arm each, evaluated on validation data.</param>
/// <param name="Metrics">what the choice reads, in order (each printed per arm with its mean and 95% interval).</param>
/// <param name="Chooses">what is chosen and by which rule, in a sentence (printed with the table).</param>
public sealed record Sweep(Func<ExperimentSettings, IReadOnlyList<Arm>> Arms, IReadOnlyList<Metric> Metrics, string Chooses);
