using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace MinRnnLab.Web.Services.Curves;

/// <summary>
/// A chart's tools in the page's address, so a link reproduces the view: ?smooth=0.6&amp;y=linear&amp;x=tokens (x: step,
/// tokens or time) &amp;ymin=1.5&amp;ymax=3 (the y range), and on a sweep page curves=runs|bands. Defaults are left out; a value that cannot be read is
/// ignored (the default stands), as a hand-edited link should still open the page.
/// </summary>
public static class CurveViewQuery
{
    public static CurveView Read(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        var view = new CurveView();
        if (query.TryGetValue("smooth", out var smooth)
            && double.TryParse(smooth, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) && double.IsFinite(weight))
            view = view with { Smoothing = Math.Clamp(weight, 0, CurveSmoothing.MaxWeight) };
        if (query.TryGetValue("y", out var y))
            view = view with { LogY = y != "linear" };
        if (query.TryGetValue("x", out var x))
            view = view with { X = x.ToString() switch { "tokens" => CurveX.Tokens, "time" => CurveX.WallTime, _ => CurveX.Step } };
        var ranged = view with { YMin = Number(query, "ymin"), YMax = Number(query, "ymax") };
        // A range that cannot be drawn (say min above max) opens on the data's own range instead.
        return ranged.YRangeProblem is null ? ranged : view;
    }

    private static double? Number(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string key) =>
        query.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value) ? value : null;

    private static string? Text(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The curve mode a sweep page's address asks for: true for bands, false for runs, null when it does not say.</summary>
    public static bool? ReadBands(string uri) =>
        QueryHelpers.ParseQuery(new Uri(uri).Query).TryGetValue("curves", out var mode) ? mode == "bands" ? true : mode == "runs" ? false : null : null;

    /// <summary>The keys a sweep page's address groups by (group=n_embd,learning_rate; empty: architecture only), null when it does not say.</summary>
    public static IReadOnlyList<string>? ReadGroupBy(string uri) =>
        QueryHelpers.ParseQuery(new Uri(uri).Query).TryGetValue("group", out var keys)
            ? keys.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;

    /// <summary>The current address with <paramref name="view"/> (and a sweep page's curve mode and grouping) in its query, other parameters kept.</summary>
    public static string With(NavigationManager navigation, CurveView view, bool? bands = null, IReadOnlyList<string>? groupBy = null) =>
        navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["smooth"] = view.Smoothing > 0 ? view.Smoothing.ToString("0.##", CultureInfo.InvariantCulture) : null,
            ["y"] = view.LogY ? null : "linear",
            ["x"] = view.X switch { CurveX.Tokens => "tokens", CurveX.WallTime => "time", _ => null },
            ["ymin"] = Text(view.YMin),
            ["ymax"] = Text(view.YMax),
            ["curves"] = bands switch { true => "bands", false => "runs", null => null },
            ["group"] = groupBy is null ? null : string.Join(',', groupBy),
        });
}
