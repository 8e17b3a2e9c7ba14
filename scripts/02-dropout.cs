// Script twin of notebooks/02-dropout.ipynb: the same study (Tricks.Lab.Catalog.Dropout), no notebook host.
//   dotnet run scripts/02-dropout.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/02-dropout.json and beside it 02-dropout.html (a standalone report: the
// paper's figures from this run, then the verdicts; opens offline), exits 1 when a claim fails.
#:project ../src/Tricks.Lab/Tricks.Lab.csproj
return Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.Dropout);
