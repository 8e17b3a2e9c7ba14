// A worker process of ExperimentWorker: runs the arm x seed runs it is given and writes each record as a JSON line.
return TricksKit.ExperimentWorker.Main(args);
