using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>Waits for a navigation the app makes inside its circuit (Blazor's NavigateTo: a history.pushState).</summary>
/// <remarks>
/// Not Playwright's WaitForURL: it waits for a "navigated" event and then for the frame's load state, and under load
/// it hung for its whole 90 s twice (session 5's stop CI and a local run) with the page already at the right address
/// and showing it. Polling the page's address depends on neither event.
/// </remarks>
public static class InAppNavigation
{
    /// <summary>Waits until the page's address matches <paramref name="address"/> (a regular expression).</summary>
    public static Task WaitForAsync(IPage page, string address, float? timeoutMs = null) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(address), new() { Timeout = timeoutMs });
}
