// Script twin of notebooks/11-bag-of-tricks.ipynb: the same study (Tricks.Lab.Catalog.BagOfTricks), no notebook host.
//   dotnet run scripts/11-bag-of-tricks.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints the ablation table and the claim with its control, writes artifacts/results/11-bag-of-tricks.json and beside it
// 11-bag-of-tricks.html (a standalone report), exits 1 when the claim fails.
// On your own data (the same tricks, each stage's rate chosen on a validation split, the table on a held-out test set):
//   dotnet run scripts/11-bag-of-tricks.cs -- --data my.csv --label y        (a CSV: numeric features, the label column y)
//   dotnet run scripts/11-bag-of-tricks.cs -- --data photos/ [--size 28]      (an image folder: one subfolder per class)
//   dotnet run scripts/11-bag-of-tricks.cs -- --data images-idx3-ubyte --label labels-idx1-ubyte   (an IDX pair)
// writes artifacts/results/11-bag-of-tricks-<name>.json and .html; exits 2 with one line naming the file on bad data.
#:project ../src/Tricks.Lab/Tricks.Lab.csproj
return args.Contains("--data") ? Tricks.Lab.BagOfTricks.OwnData.Main(args) : Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.BagOfTricks);
