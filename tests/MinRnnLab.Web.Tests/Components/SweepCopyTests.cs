using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

public class SweepCopyTests
{
    [Theory]
    [InlineData("name: scan\nmethod: grid", "name: scan-copy\nmethod: grid")]
    [InlineData("name: scan-copy\n", "name: scan-copy-2\n")]
    [InlineData("name: scan-copy-7\r\nmethod: grid", "name: scan-copy-8\r\nmethod: grid")]
    [InlineData("name: \"my scan\"  # why\n", "name: \"my scan-copy\"  # why\n")]
    [InlineData("method: grid\nbase:\n  name: nested\nname: top\n", "method: grid\nbase:\n  name: nested\nname: top-copy\n")]
    [InlineData("method: grid\n", "method: grid\n")]
    public void OnlyTheTopLevelNameChanges(string yaml, string expected) => Assert.Equal(expected, SweepCopy.Rename(yaml));
}
