using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

public class SweepChecksTests
{
    private const string Valid = "name: ok\nmetric: {name: val_loss, goal: minimize}\nmethod: grid\nbase: {preset: tiny}\nparameters:\n  arch: {values: [transformer, mingru]}\n";

    [Fact]
    public async Task ACheckOfOlderTextThatFinishesLastIsNeverCurrent()
    {
        var olderMayFinish = new ManualResetEventSlim();
        var checks = new SweepChecks((version, text, file) =>
        {
            if (version == 1)
                olderMayFinish.Wait(TimeSpan.FromMinutes(1));
            return SweepCheck.Run(version, text, file);
        });

        var older = checks.CheckAsync(Valid.Replace("method: grid", "method: gird"), "a.yaml");
        await checks.CheckAsync(Valid, "a.yaml");
        Assert.Equal(2, checks.Version);
        Assert.True(checks.Current!.IsValid);

        olderMayFinish.Set();
        await older;

        Assert.Equal(2, checks.Current!.Version);
        Assert.True(checks.Current.IsValid);
    }

    [Fact]
    public async Task NoCheckIsCurrentWhileTheLatestTextIsBeingChecked()
    {
        var mayFinish = new ManualResetEventSlim();
        var checks = new SweepChecks((version, text, file) =>
        {
            if (version == 2)
                mayFinish.Wait(TimeSpan.FromMinutes(1));
            return SweepCheck.Run(version, text, file);
        });
        await checks.CheckAsync(Valid.Replace("method: grid", "method: gird"), "a.yaml");
        Assert.Single(checks.Current!.Errors);

        var latest = checks.CheckAsync(Valid, "a.yaml");

        Assert.Null(checks.Current);
        mayFinish.Set();
        await latest;
        Assert.True(checks.Current!.IsValid);
    }

    [Fact]
    public async Task TextOverTheCapReplacesTheCheckOfEarlierText()
    {
        var checks = new SweepChecks(SweepCheck.Run);
        await checks.CheckAsync(Valid.Replace("method: grid", "method: gird"), "a.yaml");

        checks.TooLarge(SweepCheck.MaxBytes + 1);

        Assert.Empty(checks.Current!.Errors);
        Assert.False(checks.Current.IsValid);
        Assert.Equal(SweepCheck.MaxBytes + 1, checks.Current.TooLargeBytes);
    }
}
