// Script twin of notebooks/03-batch-norm.ipynb: the same study (Tricks.Lab.Catalog.BatchNorm), no notebook host.
//   dotnet run scripts/03-batch-norm.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/03-batch-norm.json and beside it 03-batch-norm.html (a standalone report: the
// paper's figures from this run, then the verdicts; opens offline), exits 1 when a claim fails.
#:project ../src/Tricks.Lab/Tricks.Lab.csproj
return Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.BatchNorm);
