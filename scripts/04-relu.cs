// Script twin of notebooks/04-relu.ipynb: the same experiment and claims, no notebook host.
//   dotnet run scripts/04-relu.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/04-relu.json, exits 1 when a claim fails.
#:project ../src/TricksKit/TricksKit.csproj
return TricksKit.ExperimentScript.Main(args, TricksKit.ReluExperiment.Design);
