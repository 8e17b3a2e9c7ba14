using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace Tricks.Bench;

/// <summary>The hand-written TorchSharp loop the kit's loop is measured against: same batches, model, loss and optimizer.</summary>
internal static class RawLoop
{
    public static void Train(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int batchSize, int seed, double lr)
    {
        using var optimizer = optim.SGD(model.parameters(), lr);
        using var loss = nn.CrossEntropyLoss();
        model.train();
        foreach (var batch in Batches.Shuffled((int)x.shape[0], batchSize, seed))
        {
            using var scope = NewDisposeScope();
            using var index = tensor(batch);
            optimizer.zero_grad();
            var l = loss.call(model.call(x.index_select(0, index)), y.index_select(0, index));
            l.backward();
            optimizer.step();
        }
    }
}
