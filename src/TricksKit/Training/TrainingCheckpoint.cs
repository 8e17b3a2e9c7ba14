using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Training;

/// <summary>
/// The state <see cref="Trainer.Fit"/> needs to continue a run exactly where it stopped (see <see cref="CheckpointOptions"/>):
/// what was done (epochs, steps, the history so far) plus, in the same file, the model's state_dict, the optimizer's
/// state and libtorch's random generator. The run's seed, batch size, training-set size and a SHA-256 fingerprint of
/// the training set's content are stored and checked on load, because resuming with other ones would silently give
/// another run. The file is a header, the payload's length, the payload and its SHA-256: a load reads and checks it
/// whole before anything goes into the model or the optimizer, and puts them back as they were if loading fails.
/// </summary>
internal sealed record TrainingCheckpoint(
    int Seed, int BatchSize, int TrainCount, string DataFingerprint, int EpochsDone, int Step, bool Finished, double Seconds,
    IReadOnlyList<double> StepLoss, IReadOnlyList<double> StepLr, IReadOnlyList<EpochRecord> Epochs)
{
    private const string Magic = "tricks-training-checkpoint";
    private const int Version = 2;

    /// <summary>SHA-256 of the training set's features (as float32) and labels (as int64), hex.</summary>
    public static string Fingerprint(LabeledData train)
    {
        ArgumentNullException.ThrowIfNull(train);
        using var scope = NewDisposeScope();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var x = train.Features.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        var y = train.Labels.detach().cpu().to_type(ScalarType.Int64).contiguous().data<long>().ToArray();
        sha.AppendData(MemoryMarshal.AsBytes(x.AsSpan()));
        sha.AppendData(MemoryMarshal.AsBytes(y.AsSpan()));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Writes this record, the model, the optimizer and the generator to <paramref name="path"/>, atomically.</summary>
    public void Save(string path, nn.Module model, optim.Optimizer optimizer)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Seed); w.Write(BatchSize); w.Write(TrainCount); w.Write(DataFingerprint);
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
        }
        var bytes = payload.ToArray();
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic); w.Write(Version);
            w.Write((long)bytes.Length);
            w.Write(bytes);
            w.Write(SHA256.HashData(bytes));
        });
    }

    /// <summary>
    /// Reads <paramref name="path"/> whole and checks it (format, length, checksum, and that it was written by this
    /// run: seed, batch size, training set), then loads the model and optimizer state into <paramref name="model"/> and
    /// <paramref name="optimizer"/>, restores the generator, and returns the record. On any failure both are left as
    /// they were and the error names the file.
    /// </summary>
    /// <exception cref="InvalidDataException">not a whole checkpoint of this format, or written by another run.</exception>
    public static TrainingCheckpoint Load(string path, nn.Module model, optim.Optimizer optimizer, int seed, int batchSize, int trainCount, string dataFingerprint)
    {
        var payload = ReadPayload(path);
        using var stream = new MemoryStream(payload, writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        TrainingCheckpoint c;
        try
        {
            c = new TrainingCheckpoint(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadBoolean(), r.ReadDouble(),
                ReadDoubles(r), ReadDoubles(r), ReadEpochs(r));
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or OverflowException or OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: the checkpoint's record is damaged ({e.Message}).", e);
        }
        if (c.Seed != seed || c.BatchSize != batchSize || c.TrainCount != trainCount)
            throw new InvalidDataException(
                $"{path} was written by a run with Seed {c.Seed}, BatchSize {c.BatchSize} and {c.TrainCount} training samples; this run has " +
                $"Seed {seed}, BatchSize {batchSize} and {trainCount}: resuming would not continue the same run. Delete the file or set Resume = false.");
        if (c.DataFingerprint != dataFingerprint)
            throw new InvalidDataException(
                $"{path} was written by a run on another training set (same size, other content: SHA-256 {c.DataFingerprint[..12]}..., this run's {dataFingerprint[..12]}...): " +
                "resuming would not continue the same run. Delete the file or set Resume = false.");
        // Loaded into the model and optimizer only now, with their state kept aside: a failure puts it back.
        var helper = Stateful(optimizer);
        using var modelBefore = new MemoryStream();
        using var optimizerBefore = new MemoryStream();
        using (var w = new BinaryWriter(modelBefore, Encoding.UTF8, leaveOpen: true)) model.save(w);
        using (var w = new BinaryWriter(optimizerBefore, Encoding.UTF8, leaveOpen: true)) helper.save_state_dict(w);
        try
        {
            model.load(r);
            helper.load_state_dict(r);
            using var rng = torch.get_rng_state();
            rng.Load(r);
            if (stream.Position != stream.Length) throw new InvalidDataException("bytes left after the generator's state");
            torch.set_rng_state(rng);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            modelBefore.Position = 0;
            optimizerBefore.Position = 0;
            using (var br = new BinaryReader(modelBefore, Encoding.UTF8, leaveOpen: true)) model.load(br);
            using (var br = new BinaryReader(optimizerBefore, Encoding.UTF8, leaveOpen: true)) helper.load_state_dict(br);
            throw new InvalidDataException($"{path}: the checkpoint does not fit this model or optimizer ({e.Message}); they are as they were.", e);
        }
        return c;
    }

    /// <summary>The payload of <paramref name="path"/>, after checking the header, its length and its SHA-256.</summary>
    private static byte[] ReadPayload(string path)
    {
        byte[] file;
        try { file = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InvalidDataException($"{path}: cannot read the checkpoint ({e.Message}).", e); }
        using var stream = new MemoryStream(file, writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (r.ReadString() != Magic) throw new InvalidDataException($"{path} is not a Tricks training checkpoint.");
            int version = r.ReadInt32();
            if (version != Version) throw new InvalidDataException($"{path}: checkpoint format {version}, this kit reads {Version}: delete the file or set Resume = false.");
            long length = r.ReadInt64();
            long left = stream.Length - stream.Position;
            if (length < 0 || length + 32 != left)
                throw new InvalidDataException($"{path}: the checkpoint is not whole ({left} bytes after its header, {length} + 32 expected): it was cut short or appended to.");
            var payload = r.ReadBytes((int)length);
            var sum = r.ReadBytes(32);
            if (!SHA256.HashData(payload).AsSpan().SequenceEqual(sum))
                throw new InvalidDataException($"{path}: the checkpoint's checksum does not match: the file is damaged.");
            return payload;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"{path} is not a whole Tricks training checkpoint ({e.Message}).", e);
        }
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
