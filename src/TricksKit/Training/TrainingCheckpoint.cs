using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit.Training;

/// <summary>
/// The state <see cref="Trainer.Fit"/> needs to continue a run exactly where it stopped (see <see cref="CheckpointOptions"/>):
/// what was done (epochs, steps, the history so far) plus, in the same file, the model's state_dict, the optimizer's
/// state and libtorch's random generator. The run's seed, batch size and training-set size are stored and checked on
/// load, because resuming with other ones would silently give another run.
/// </summary>
internal sealed record TrainingCheckpoint(
    int Seed, int BatchSize, int TrainCount, int EpochsDone, int Step, bool Finished, double Seconds,
    IReadOnlyList<double> StepLoss, IReadOnlyList<double> StepLr, IReadOnlyList<EpochRecord> Epochs)
{
    private const string Magic = "tricks-training-checkpoint";
    private const int Version = 1;

    /// <summary>Writes this record, the model, the optimizer and the generator to <paramref name="path"/>, atomically.</summary>
    public void Save(string path, nn.Module model, optim.Optimizer optimizer) => AtomicFile.Write(path, stream =>
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic); w.Write(Version);
        w.Write(Seed); w.Write(BatchSize); w.Write(TrainCount);
        w.Write(EpochsDone); w.Write(Step); w.Write(Finished); w.Write(Seconds);
        WriteDoubles(w, StepLoss);
        WriteDoubles(w, StepLr);
        w.Write(Epochs.Count);
        foreach (var e in Epochs)
        {
            w.Write(e.Epoch); w.Write(e.Step);
            w.Write(e.TrainLoss); w.Write(e.TrainAccuracy); w.Write(e.TestLoss); w.Write(e.TestAccuracy);
        }
        model.save(w);
        Stateful(optimizer).save_state_dict(w);
        using var rng = torch.get_rng_state();
        rng.Save(w);
        w.Flush();
    });

    /// <summary>
    /// Reads <paramref name="path"/>, loads the model and optimizer state into <paramref name="model"/> and
    /// <paramref name="optimizer"/>, restores the generator, and returns the record.
    /// </summary>
    /// <exception cref="InvalidDataException">not a checkpoint of this format, or written by a run with another seed, batch size or training set.</exception>
    public static TrainingCheckpoint Load(string path, nn.Module model, optim.Optimizer optimizer, int seed, int batchSize, int trainCount)
    {
        using var stream = File.OpenRead(path);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        string magic;
        try { magic = r.ReadString(); } catch (Exception e) when (e is EndOfStreamException or IOException) { magic = ""; }
        if (magic != Magic) throw new InvalidDataException($"{path} is not a Tricks training checkpoint.");
        int version = r.ReadInt32();
        if (version != Version) throw new InvalidDataException($"{path}: checkpoint format {version}, this kit reads {Version}.");
        var c = new TrainingCheckpoint(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadBoolean(), r.ReadDouble(),
            ReadDoubles(r), ReadDoubles(r), ReadEpochs(r));
        if (c.Seed != seed || c.BatchSize != batchSize || c.TrainCount != trainCount)
            throw new InvalidDataException(
                $"{path} was written by a run with Seed {c.Seed}, BatchSize {c.BatchSize} and {c.TrainCount} training samples; this run has " +
                $"Seed {seed}, BatchSize {batchSize} and {trainCount}: resuming would not continue the same run. Delete the file or set Resume = false.");
        model.load(r);
        Stateful(optimizer).load_state_dict(r);
        using var rng = torch.get_rng_state();
        rng.Load(r);
        torch.set_rng_state(rng);
        return c;
    }

    private static TorchSharp.Modules.OptimizerHelper Stateful(optim.Optimizer optimizer) =>
        optimizer as TorchSharp.Modules.OptimizerHelper ?? throw new ArgumentException(
            $"optimizer must keep its state in TorchSharp's state_dict (a TorchSharp optimizer or one of the kit's Optimizers) to be checkpointed, got {optimizer.GetType().Name}.",
            nameof(optimizer));

    private static void WriteDoubles(BinaryWriter w, IReadOnlyList<double> values)
    {
        w.Write(values.Count);
        foreach (var v in values) w.Write(v);
    }

    private static double[] ReadDoubles(BinaryReader r)
    {
        var values = new double[r.ReadInt32()];
        for (int i = 0; i < values.Length; i++) values[i] = r.ReadDouble();
        return values;
    }

    private static EpochRecord[] ReadEpochs(BinaryReader r)
    {
        var epochs = new EpochRecord[r.ReadInt32()];
        for (int i = 0; i < epochs.Length; i++)
            epochs[i] = new EpochRecord(r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        return epochs;
    }
}
