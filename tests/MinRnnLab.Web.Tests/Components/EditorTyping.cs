using System.Text;
using Bunit;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Components.Shared;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>Typing into the New-sweep editor in bUnit, where its script does not run.</summary>
internal static class EditorTyping
{
    /// <summary>What the editor's script does on an edit: hands the text, its UTF-8 size and its line count to the component.</summary>
    public static Task TypeAsync(this IRenderedComponent<NewSweep> page, string text)
    {
        var editor = page.FindComponent<SweepEditor>();
        return editor.InvokeAsync(() => editor.Instance.OnEdited(text, Encoding.UTF8.GetByteCount(text), text.Count(c => c == '\n') + 1));
    }

    /// <summary>The page's check runs off the circuit's thread: wait for it, as long as a loaded machine needs.</summary>
    public static void WaitForCheck(this IRenderedComponent<NewSweep> page, Action assertion) =>
        page.WaitForAssertion(assertion, TimeSpan.FromSeconds(30));
}
