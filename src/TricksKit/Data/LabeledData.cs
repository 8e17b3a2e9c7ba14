using static TorchSharp.torch;

namespace TricksKit.Data;

/// <summary>
/// A labelled data set held as tensors: features (N, ...) float32 and labels (N) int64, with class names.
/// Owns its tensors (dispose it, or let a dispose scope take it).
/// </summary>
public sealed class LabeledData : IDisposable
{
    /// <summary>A data set of <paramref name="features"/> (N, ...) and <paramref name="labels"/> (N) in [0, classNames.Count); the labels are checked here, once.</summary>
    public LabeledData(Tensor features, Tensor labels, IReadOnlyList<string> classNames, string name = "data")
    {
        Check.NotNull(features, nameof(features));
        Check.Dims(labels, nameof(labels), 1);
        if (features.dim() < 1 || features.shape[0] != labels.shape[0])
            throw new ArgumentException($"features {Check.Shape(features)} and labels {Check.Shape(labels)} must have the same number of samples.", nameof(labels));
        ArgumentNullException.ThrowIfNull(classNames);
        // Checked once here, so the losses need not read targets back to the host at every step.
        if (classNames.Count > 0) Check.ClassTargets(labels, labels.shape[0], classNames.Count, nameof(labels));
        Features = features;
        Labels = labels;
        ClassNames = classNames;
        Name = name;
    }

    /// <summary>The features, (N, ...).</summary>
    public Tensor Features { get; }
    /// <summary>The class indices, (N) int64.</summary>
    public Tensor Labels { get; }
    /// <summary>The class names, one per class index.</summary>
    public IReadOnlyList<string> ClassNames { get; }
    /// <summary>A name for reports.</summary>
    public string Name { get; }
    /// <summary>N, the number of samples.</summary>
    public int Count => (int)Labels.shape[0];
    /// <summary>The number of classes.</summary>
    public int Classes => ClassNames.Count;

    /// <summary>The samples at <paramref name="indices"/>, as a new data set.</summary>
    public LabeledData Select(IReadOnlyList<long> indices, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        foreach (var i in indices)
            if (i < 0 || i >= Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"indices must be in [0, {Count - 1}].");
        using var index = tensor(indices.ToArray(), device: Features.device);
        return new LabeledData(Features.index_select(0, index), Labels.index_select(0, index), ClassNames, name ?? Name);
    }

    /// <summary>The first <paramref name="count"/> samples.</summary>
    public LabeledData Take(int count)
    {
        if (count < 1 || count > Count) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be in [1, {Count}].");
        return Select(Enumerable.Range(0, count).Select(i => (long)i).ToArray(), $"{Name}[:{count}]");
    }

    /// <summary>Features flattened to (N, D), as MLPs take them.</summary>
    public Tensor Flat() => Features.reshape(Count, -1);

    /// <summary>Disposes the features and labels.</summary>
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
