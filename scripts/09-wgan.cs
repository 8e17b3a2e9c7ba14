// Script twin of notebooks/09-wgan.ipynb: the same study (Tricks.Lab.Catalog.Wgan), no notebook host.
//   dotnet run scripts/09-wgan.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/09-wgan.json and beside it 09-wgan.html (a standalone report: the
// paper's figures from this run, then the verdicts; opens offline), exits 1 when a claim fails.
#:project ../src/Tricks.Lab/Tricks.Lab.csproj
return Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.Wgan);
