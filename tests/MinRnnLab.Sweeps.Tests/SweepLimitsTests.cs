using System.Globalization;

namespace MinRnnLab.Sweeps.Tests;

/// <summary>
/// Generated over <see cref="SweepLimits.Max"/>: every numeric sweep setting is accepted at its bound and refused just
/// above it, at its own line; a setting without a bound, or without a sweep here that sets it, fails the test.
/// </summary>
public class SweepLimitsTests
{
    private const string Searched = "parameters:\n  learning_rate: {min: 0.0001, max: 0.01, distribution: log_uniform}\nbase: {arch: mingru, max_iters: 100}\n";
    private const string Listed = "parameters:\n  learning_rate: {values: [0.001, 0.002]}\nbase: {arch: mingru, max_iters: 100}\n";

    /// <summary>A sweep that sets each setting to {0}, on line 4.</summary>
    private static readonly Dictionary<string, string> SweepSetting = new()
    {
        ["seed"] = Escape(Sweeps.GridHeader) + "seed: {0}\nbase: {{arch: mingru}}\n",
        ["run_cap"] = "name: t\nmetric: {{name: val_loss}}\nmethod: random\nrun_cap: {0}\n" + Escape(Searched),
        ["parallel"] = Escape(Sweeps.GridHeader) + "parallel: {0}\nbase: {{arch: mingru}}\n",
        ["seeds"] = Escape(Sweeps.GridHeader) + "seeds: {0}\nbase: {{arch: mingru}}\n",
        ["max_restarts"] = Escape(Sweeps.GridHeader) + "max_restarts: {0}\nbase: {{arch: mingru}}\n",
        ["checkpoint_interval"] = Escape(Sweeps.GridHeader) + "checkpoint_interval: {0}\nbase: {{arch: mingru}}\n",
        ["bayes startup_trials"] = "name: t\nmetric: {{name: val_loss}}\nmethod: bayes\nbayes: {{startup_trials: {0}}}\nrun_cap: 4\n" + Escape(Searched),
        ["bayes ei_candidates"] = "name: t\nmetric: {{name: val_loss}}\nmethod: bayes\nbayes: {{ei_candidates: {0}}}\nrun_cap: 4\n" + Escape(Searched),
        ["early_terminate min_evals"] = Escape(Sweeps.GridHeader) + "early_terminate: {{type: median, min_evals: {0}}}\n" + Escape(Listed),
        ["early_terminate max_evals"] = Escape(Sweeps.GridHeader) + "early_terminate: {{type: asha, max_evals: {0}}}\n" + Escape(Listed),
        ["early_terminate evals"] = Escape(Sweeps.GridHeader) + "early_terminate: {{type: patience, evals: {0}}}\n" + Escape(Listed),
        ["early_terminate eta"] = Escape(Sweeps.GridHeader) + "early_terminate: {{type: asha, eta: {0}}}\n" + Escape(Listed),
        ["early_terminate min_runs"] = Escape(Sweeps.GridHeader) + "early_terminate: {{type: median, min_runs: {0}}}\n" + Escape(Listed),
    };

    public static TheoryData<string> Settings => new(SweepLimits.Max.Keys);

    [Fact]
    public void EveryBoundedSettingHasASweepThatSetsIt() =>
        Assert.Equal(SweepLimits.Max.Keys.Order(), SweepSetting.Keys.Order());

    [Theory]
    [MemberData(nameof(Settings))]
    public void TheBoundIsAcceptedAndOneMoreIsRefusedAtItsLine(string setting)
    {
        var max = SweepLimits.Max[setting];
        var grid = SweepSetting[setting];

        Sweeps.Valid(Yaml(grid, max));
        var errors = Sweeps.Errors(Yaml(grid, (long)max + 1));

        Assert.Contains(errors, e => e.Line == 4 && e.Message.Contains(setting.Split(' ')[^1], StringComparison.Ordinal));
    }

    private static string Yaml(string template, long value) => string.Format(CultureInfo.InvariantCulture, template, value);

    private static string Escape(string yaml) => yaml.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
