// Script twin of notebooks/01-focal-loss.ipynb: the same study (Tricks.Lab.Catalog.FocalLoss), no notebook host.
//   dotnet run scripts/01-focal-loss.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/01-focal-loss.json and beside it 01-focal-loss.html (a standalone report: the
// paper's figures from this run, then the verdicts; opens offline), exits 1 when a claim fails.
#:project ../src/Tricks.Lab/Tricks.Lab.csproj
return Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.FocalLoss);
