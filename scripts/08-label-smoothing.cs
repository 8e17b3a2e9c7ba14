// Script twin of notebooks/08-label-smoothing.ipynb: the same study (Tricks.Lab.Catalog.LabelSmoothing), no notebook host.
//   dotnet run scripts/08-label-smoothing.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/08-label-smoothing.json and beside it 08-label-smoothing.html (a standalone report: the
// paper's figures from this run, then the verdicts; opens offline), exits 1 when a claim fails.
#:project ../src/Tricks.Lab/Tricks.Lab.csproj
return Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.LabelSmoothing);
