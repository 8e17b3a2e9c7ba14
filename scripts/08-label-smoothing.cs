// Script twin of notebooks/08-label-smoothing.ipynb: the same experiment and claims, no notebook host.
//   dotnet run scripts/08-label-smoothing.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/08-label-smoothing.json and beside it 08-label-smoothing.html (a standalone report: the
// paper's figures from this run, then the verdicts; opens offline), exits 1 when a claim fails.
#:project ../src/TricksKit/TricksKit.csproj
#:project ../src/Formatters/Formatters.csproj
return TricksKit.ExperimentScript.Main(args, TricksKit.LabelSmoothingExperiment.Design, report: TricksKit.Formatters.ReportPage.Write);
