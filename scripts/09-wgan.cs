// Script twin of notebooks/09-wgan.ipynb: the same experiment and claims, no notebook host.
//   dotnet run scripts/09-wgan.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/09-wgan.json, exits 1 when a claim fails.
#:project ../src/TricksKit/TricksKit.csproj
return TricksKit.ExperimentScript.Main(args, TricksKit.WganExperiment.Design);
