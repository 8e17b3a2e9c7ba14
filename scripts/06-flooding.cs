// Script twin of notebooks/06-flooding.ipynb: the same experiment and claims, no notebook host.
//   dotnet run scripts/06-flooding.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/06-flooding.json, exits 1 when a claim fails.
#:project ../src/TricksKit/TricksKit.csproj
return TricksKit.ExperimentScript.Main(args, TricksKit.FloodingExperiment.Design);
