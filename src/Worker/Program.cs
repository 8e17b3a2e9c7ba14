// A worker process of TricksKit.Experiments.Execution.Workers: rebuilds a catalog design by its id and runs the
// arm x seed runs it is given, writing each record as a JSON line.
return TricksKit.Experiments.Execution.Workers.Main(args, Tricks.Lab.Catalog.Design);
