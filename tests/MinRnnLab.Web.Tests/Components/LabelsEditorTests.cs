using Bunit;
using MinRnnLab.Abstractions;
using MinRnnLab.Web.Components.Shared;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>The name, tags and notes editor: each change is one edit, and what the platform refuses is shown in its words.</summary>
public class LabelsEditorTests : LabComponentTest
{
    private readonly List<LabelEdit> edits = [];

    private Task<Labels?> Apply(Labels before, LabelEdit edit)
    {
        edits.Add(edit);
        if (edit.AddTags?.Any(t => t.Contains(' ')) == true)
            throw new ArgumentException("tag 'two words': expected letters, digits, '.', '_', ':' or '-'");
        var tags = before.Tags.Concat(edit.AddTags ?? []).Except(edit.RemoveTags ?? []).ToArray();
        return Task.FromResult<Labels?>(new Labels(edit.Name ?? before.Name, tags, edit.Notes ?? before.Notes));
    }

    private IRenderedComponent<LabelsEditor> RenderEditor(Labels labels)
    {
        IRenderedComponent<LabelsEditor>? editor = null;
        editor = Render<LabelsEditor>(p => p.Add(x => x.Labels, labels).Add(x => x.Edit, e => Apply(editor!.Instance.Labels, e)));
        return editor;
    }

    [Fact]
    public void AnAddedTagIsOneEditAndShowsAsAChip()
    {
        var editor = RenderEditor(new Labels(null, ["baseline"], ""));

        editor.Find("[data-testid=tag-input] input").Input("keeper");
        editor.Find("[data-testid=tag-add]").Click();

        editor.WaitForAssertion(() => Assert.Equal(["baseline", "keeper"], editor.FindAll("[data-testid=tag-chip]").Select(c => c.GetAttribute("data-tag"))));
        Assert.Equal(["keeper"], Assert.Single(edits).AddTags!);
    }

    [Fact]
    public void ARefusedTagIsExplainedAndChangesNothing()
    {
        var editor = RenderEditor(new Labels(null, ["baseline"], ""));

        editor.Find("[data-testid=tag-input] input").Input("two words");
        editor.Find("[data-testid=tag-add]").Click();

        editor.WaitForAssertion(() => Assert.Contains("tag 'two words'", editor.Find("[data-testid=labels-error]").TextContent));
        Assert.Equal(["baseline"], editor.FindAll("[data-testid=tag-chip]").Select(c => c.GetAttribute("data-tag")));
    }

    [Fact]
    public void NameAndNotesAreSavedTogether()
    {
        var editor = RenderEditor(new Labels(null, [], "old"));

        editor.Find("[data-testid=name-input] input").Input("My run");
        editor.Find("[data-testid=notes-input] textarea").Input("new notes");
        editor.Find("[data-testid=notes-save]").Click();

        editor.WaitForAssertion(() => Assert.Equal(("My run", "new notes"), (editor.Instance.Labels.Name, editor.Instance.Labels.Notes)));
        var edit = Assert.Single(edits);
        Assert.Equal(("My run", "new notes", null), (edit.Name, edit.Notes, edit.AddTags));
    }
}
