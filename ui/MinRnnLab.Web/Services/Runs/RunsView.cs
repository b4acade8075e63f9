using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace MinRnnLab.Web.Services.Runs;

/// <summary>
/// What the Runs page shows: the filter as typed, the sort column and direction, the chosen columns (null: the
/// default ones) and the page of the table. It lives in the address (?q=…&amp;sort=best&amp;desc=1&amp;cols=run,arch&amp;page=2),
/// so a link reproduces the table, its chart and its coordinates.
/// </summary>
public sealed record RunsView(string Filter = "", string Sort = "best", bool Descending = false, IReadOnlyList<string>? Columns = null, int Page = 0)
{
    public static RunsView Read(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        var view = new RunsView();
        if (query.TryGetValue("q", out var filter))
            view = view with { Filter = filter.ToString() };
        if (query.TryGetValue("sort", out var sort) && !string.IsNullOrWhiteSpace(sort))
            view = view with { Sort = sort.ToString() };
        if (query.TryGetValue("desc", out var desc))
            view = view with { Descending = desc == "1" };
        if (query.TryGetValue("cols", out var columns))
            view = view with { Columns = columns.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
        if (query.TryGetValue("page", out var page) && int.TryParse(page, out var number) && number > 1)
            view = view with { Page = number - 1 };                                    // the address counts pages from 1, as people do
        return view;
    }

    /// <summary>The current address with this view in its query (defaults left out), the chart's tools kept.</summary>
    public string ApplyTo(NavigationManager navigation) =>
        navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["q"] = string.IsNullOrWhiteSpace(Filter) ? null : Filter,
            ["sort"] = Sort == "best" ? null : Sort,
            ["desc"] = Descending ? "1" : null,
            ["cols"] = Columns is null ? null : string.Join(',', Columns),
            ["page"] = Page > 0 ? (Page + 1).ToString() : null,
        });
}
