using System.Globalization;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit.Formatters;

/// <summary>One row of a module summary: a layer, its type, its output shape (when an input was given) and its parameters.</summary>
public sealed record LayerRow(string Name, string Type, IReadOnlyList<long>? OutputShape, long Parameters);

/// <summary>A torchinfo-style summary of a module. Immutable.</summary>
public sealed record ModuleSummary(string Name, IReadOnlyList<LayerRow> Layers, long TotalParameters, long TrainableParameters, IReadOnlyList<long>? InputShape)
{
    /// <summary>
    /// Summarises <paramref name="module"/>: its direct children with parameter counts, and when
    /// <paramref name="inputShape"/> is given and the module is sequential, each child's output shape (a zero input is
    /// passed through in evaluation mode, without gradients).
    /// </summary>
    public static ModuleSummary Of(nn.Module module, IReadOnlyList<long>? inputShape = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var children = module.named_children().ToArray();
        var shapes = new Dictionary<string, long[]>();
        if (inputShape is not null && module is TorchSharp.Modules.Sequential)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            bool training = module.training;
            module.eval();
            var x = zeros(inputShape.ToArray());
            foreach (var (name, child) in children)
            {
                if (child is not nn.Module<Tensor, Tensor> m) break;
                x = m.call(x);
                shapes[name] = x.shape.ToArray();
            }
            if (training) module.train();
        }
        var rows = children.Select(c => new LayerRow(c.name, c.module.GetType().Name,
            shapes.TryGetValue(c.name, out var s) ? s : null, c.module.parameters().Sum(p => p.numel()))).ToArray();
        long total = module.parameters().Sum(p => p.numel());
        long trainable = module.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        return new ModuleSummary(module.GetType().Name, rows, total, trainable, inputShape?.ToArray());
    }

    /// <summary>The summary as an HTML table.</summary>
    public string Html()
    {
        var sb = new StringBuilder("<div class=\"tricks tricks-module\"><table><thead><tr><th>layer</th><th>type</th><th>output shape</th><th>parameters</th></tr></thead><tbody>");
        if (InputShape is not null) sb.Append(Inv($"<tr><td>(input)</td><td></td><td>[{string.Join(", ", InputShape)}]</td><td></td></tr>"));
        foreach (var l in Layers)
            sb.Append(Inv($"<tr><td>{PlotlyHtml.Escape(l.Name)}</td><td>{PlotlyHtml.Escape(l.Type)}</td><td>{(l.OutputShape is null ? "" : "[" + string.Join(", ", l.OutputShape) + "]")}</td><td>{l.Parameters:N0}</td></tr>"));
        sb.Append(Inv($"</tbody><tfoot><tr><th>total</th><th></th><th></th><th>{TotalParameters:N0} ({TrainableParameters:N0} trainable)</th></tr></tfoot></table></div>"));
        return sb.ToString();
    }

    /// <summary>The summary as plain text.</summary>
    public string Text()
    {
        var sb = new StringBuilder(Inv($"{Name}: {TotalParameters:N0} parameters ({TrainableParameters:N0} trainable)\n"));
        foreach (var l in Layers)
            sb.Append(Inv($"  {l.Name,-12} {l.Type,-16} {(l.OutputShape is null ? "" : "[" + string.Join(", ", l.OutputShape) + "]"),-18} {l.Parameters,10:N0}\n"));
        return sb.ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
