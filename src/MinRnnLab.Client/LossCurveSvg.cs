using System.Globalization;
using System.Text;
using MinRnnLab.Config;

namespace MinRnnLab.Client;

/// <summary>One run's validation curve for a figure; <paramref name="Label"/> is its legend entry (`mingru`, `mingru block=gated`).</summary>
public sealed record LossCurve(string RunId, string Label, IReadOnlyList<(int Step, double Loss)> Points);

/// <summary>
/// Validation loss against step as a standalone SVG: one colour per label (architecture or configuration), log-scaled loss axis,
/// so a report renders anywhere without a plotting stack.
/// </summary>
public static class LossCurveSvg
{
    private const int PlotWidth = 520, Height = 420, Left = 60, Top = 30, Bottom = 45;
    // Configurations of one architecture share its colour and differ by dash.
    private static readonly string[] Dashes = ["", "6 3", "2 2", "8 3 2 3", "12 4"];

    public static string Render(string title, IReadOnlyList<LossCurve> curves)
    {
        var labels = curves.Select(c => c.Label).Distinct().Order().ToList();
        // The legend column is as wide as its longest label (about 7 px a character at font size 12).
        var right = Math.Max(140, 40 + 7 * labels.Select(l => l.Length).DefaultIfEmpty(0).Max());
        var width = Left + PlotWidth + right;
        var points = curves.SelectMany(c => c.Points).Where(p => p.Loss > 0 && double.IsFinite(p.Loss)).ToList();
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        svg.Append(Invariant($"<rect width=\"{width}\" height=\"{Height}\" fill=\"white\"/><text x=\"{Left}\" y=\"18\" font-size=\"14\">{Escape(title)}</text>"));
        if (points.Count == 0)
            return svg.Append("<text x=\"60\" y=\"60\">no evaluations yet</text></svg>").ToString();
        var maxStep = Math.Max(1, points.Max(p => p.Step));
        var (logMin, logMax) = (Math.Log10(points.Min(p => p.Loss)), Math.Log10(points.Max(p => p.Loss)));
        if (logMax - logMin < 1e-6)
            (logMin, logMax) = (logMin - 0.05, logMax + 0.05);
        double X(int step) => Left + (width - Left - right) * step / (double)maxStep;
        double Y(double loss) => Top + (Height - Top - Bottom) * (logMax - Math.Log10(loss)) / (logMax - logMin);

        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{width - right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>"));
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>"));
        for (var i = 0; i <= 4; i++)
        {
            var loss = Math.Pow(10, logMin + (logMax - logMin) * i / 4);
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(loss) + 4:F1}\" text-anchor=\"end\">{loss:F2}</text>"));
            var step = maxStep * i / 4;
            svg.Append(Invariant($"<text x=\"{X(step):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{step}</text>"));
        }
        svg.Append(Invariant($"<text x=\"{(Left + width - right) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">step</text>"));
        svg.Append(Invariant($"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\" text-anchor=\"middle\">validation loss (log)</text>"));

        foreach (var curve in curves.Where(c => c.Points.Count > 0))
        {
            var (colour, dash) = Stroke(labels, curve.Label);
            var path = string.Join(' ', curve.Points.Where(p => p.Loss > 0).OrderBy(p => p.Step).Select(p => Invariant($"{X(p.Step):F1},{Y(p.Loss):F1}")));
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"{dash} points=\"{path}\"><title>{Escape(curve.RunId)}</title></polyline>"));
        }
        for (var i = 0; i < labels.Count; i++)
        {
            var y = Top + 10 + 18 * i;
            var (colour, dash) = Stroke(labels, labels[i]);
            svg.Append(Invariant($"<line x1=\"{width - right + 8}\" y1=\"{y - 3}\" x2=\"{width - right + 26}\" y2=\"{y - 3}\" stroke=\"{colour}\" stroke-width=\"3\"{dash}/>"));
            svg.Append(Invariant($"<text x=\"{width - right + 30}\" y=\"{y + 1}\">{Escape(labels[i])}</text>"));
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A label's architecture colour (its first word names the architecture), dashed for its architecture's second and later configurations.</summary>
    private static (string Colour, string Dash) Stroke(IReadOnlyList<string> labels, string label)
    {
        var arch = ArchOf(label);
        var nth = labels.Where(l => ArchOf(l) == arch).ToList().IndexOf(label);
        var dash = Dashes[nth % Dashes.Length];
        return (ArchColors.For(arch), dash.Length == 0 ? "" : $" stroke-dasharray=\"{dash}\"");
    }

    private static string ArchOf(string label) => label.Split(' ', 2)[0];
}
