using System.Globalization;
using System.Text;
using MinRnnLab.Training;

namespace MinRnnLab.Grains.Client;

/// <summary>One run's validation curve for a figure.</summary>
public sealed record LossCurve(string RunId, string Arch, IReadOnlyList<(int Step, double Loss)> Points);

/// <summary>
/// Validation loss against step as a standalone SVG: one colour per architecture, log-scaled loss axis,
/// so a report renders anywhere without a plotting stack.
/// </summary>
public static class LossCurveSvg
{
    private const int Width = 720, Height = 420, Left = 60, Right = 140, Top = 30, Bottom = 45;

    public static string Render(string title, IReadOnlyList<LossCurve> curves)
    {
        var points = curves.SelectMany(c => c.Points).Where(p => p.Loss > 0 && double.IsFinite(p.Loss)).ToList();
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/><text x=\"{Left}\" y=\"18\" font-size=\"14\">{Escape(title)}</text>"));
        if (points.Count == 0)
            return svg.Append("<text x=\"60\" y=\"60\">no evaluations yet</text></svg>").ToString();
        var maxStep = Math.Max(1, points.Max(p => p.Step));
        var (logMin, logMax) = (Math.Log10(points.Min(p => p.Loss)), Math.Log10(points.Max(p => p.Loss)));
        if (logMax - logMin < 1e-6)
            (logMin, logMax) = (logMin - 0.05, logMax + 0.05);
        double X(int step) => Left + (Width - Left - Right) * step / (double)maxStep;
        double Y(double loss) => Top + (Height - Top - Bottom) * (logMax - Math.Log10(loss)) / (logMax - logMin);

        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>"));
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>"));
        for (var i = 0; i <= 4; i++)
        {
            var loss = Math.Pow(10, logMin + (logMax - logMin) * i / 4);
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(loss) + 4:F1}\" text-anchor=\"end\">{loss:F2}</text>"));
            var step = maxStep * i / 4;
            svg.Append(Invariant($"<text x=\"{X(step):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{step}</text>"));
        }
        svg.Append(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">step</text>"));
        svg.Append(Invariant($"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\" text-anchor=\"middle\">validation loss (log)</text>"));

        var archs = curves.Select(c => c.Arch).Distinct().Order().ToList();
        foreach (var curve in curves.Where(c => c.Points.Count > 0))
        {
            var colour = ArchColors.For(curve.Arch);
            var path = string.Join(' ', curve.Points.Where(p => p.Loss > 0).OrderBy(p => p.Step).Select(p => Invariant($"{X(p.Step):F1},{Y(p.Loss):F1}")));
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"{path}\"><title>{Escape(curve.RunId)}</title></polyline>"));
        }
        for (var i = 0; i < archs.Count; i++)
        {
            var y = Top + 10 + 18 * i;
            svg.Append(Invariant($"<rect x=\"{Width - Right + 12}\" y=\"{y - 9}\" width=\"12\" height=\"12\" fill=\"{ArchColors.For(archs[i])}\"/>"));
            svg.Append(Invariant($"<text x=\"{Width - Right + 30}\" y=\"{y + 1}\">{Escape(archs[i])}</text>"));
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
