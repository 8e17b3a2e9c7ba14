using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace TricksKit.Formatters;

/// <summary>A <see cref="DataFrame"/> as an HTML table (numbers to 4 significant digits), and as text.</summary>
public static class DataFrameHtml
{
    /// <summary>An HTML table of the first <paramref name="maxRows"/> rows of a data frame.</summary>
    public static string Render(DataFrame df, int maxRows = 200)
    {
        ArgumentNullException.ThrowIfNull(df);
        var sb = new StringBuilder("<table class=\"tricks-dataframe\"><thead><tr>");
        foreach (var c in df.Columns) sb.Append("<th>").Append(PlotlyHtml.Escape(c.Name)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        for (long r = 0; r < Math.Min(df.Rows.Count, maxRows); r++)
        {
            sb.Append("<tr>");
            foreach (var c in df.Columns) sb.Append("<td>").Append(PlotlyHtml.Escape(Cell(c[r]))).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        if (df.Rows.Count > maxRows) sb.Append(CultureInfo.InvariantCulture, $"<p>({df.Rows.Count - maxRows} more rows)</p>");
        return sb.ToString();
    }

    /// <summary>A plain-text table of a data frame.</summary>
    public static string Text(DataFrame df)
    {
        ArgumentNullException.ThrowIfNull(df);
        var sb = new StringBuilder(string.Join("\t", df.Columns.Select(c => c.Name))).AppendLine();
        for (long r = 0; r < df.Rows.Count; r++) sb.AppendLine(string.Join("\t", df.Columns.Select(c => Cell(c[r]))));
        return sb.ToString();
    }

    internal static string Cell(object? v) => v switch
    {
        null => "",
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        float f => f.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
