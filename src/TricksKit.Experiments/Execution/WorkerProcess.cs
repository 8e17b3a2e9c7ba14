namespace TricksKit.Experiments.Execution;

/// <summary>
/// A worker program that can run a design's runs in its own process (<see cref="Workers.Main"/> is its body): the
/// path of its assembly, started with <c>dotnet</c>, and which designs it can rebuild by their
/// <see cref="ExperimentDesign.Trick"/> (a worker rebuilds the arms itself; only designs it knows can run there).
/// </summary>
public sealed record WorkerProcess(string Path, Func<ExperimentDesign, bool> CanRun);
