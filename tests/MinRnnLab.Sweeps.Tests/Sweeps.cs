namespace MinRnnLab.Sweeps.Tests;

/// <summary>Parses inline sweep YAML for tests, failing with every error when it is unexpectedly invalid.</summary>
internal static class Sweeps
{
    public const string GridHeader = "name: t\nmetric: {name: val_loss}\nmethod: grid\n";
    public const string RandomHeader = "name: t\nmetric: {name: val_loss}\nmethod: random\nrun_cap: 4\n";
    public const string BayesHeader = "name: t\nmetric: {name: val_loss}\nmethod: bayes\nrun_cap: 4\n";

    public static SweepDefinition Valid(string yaml)
    {
        var result = SweepParser.Parse(yaml, "test.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Definition!;
    }

    public static IReadOnlyList<SweepError> Errors(string yaml)
    {
        var result = SweepParser.Parse(yaml, "test.yaml");
        Assert.False(result.IsValid, "expected errors, the sweep is valid");
        Assert.Null(result.Definition);
        return result.Errors;
    }
}
