using MinRnnLab.Tests.Shared;
using MinRnnLab.Config;

namespace MinRnnLab.Sweeps.Tests;

/// <summary>
/// The parser stops hostile files before YamlDotNet's recursive loader sees them: too deep, too long, or aliased.
/// A stack overflow cannot be caught, so "the test host is still running" is itself the assertion; each test
/// also parses a good sweep afterwards.
/// </summary>
public class BoundedParsingTests
{
    private const string Good = "name: t\nmetric: {name: val_loss}\nmethod: grid\nparameters:\n  n_layer: {values: [1, 2]}\n";

    [Theory]
    [MemberData(nameof(DeepYaml.Names), MemberType = typeof(DeepYaml))]
    public void DeepNestingIsOneLocatedErrorEvenOnAOneMegabyteStack(string name)
    {
        var deep = DeepYaml.Named(name);

        // Thread-pool threads get 1.5 MB on Linux; the smallest stack a host is likely to give a parse is 1 MB.
        var result = OnOneMegabyteStack(() => SweepParser.Parse(deep.Text, "deep.yaml"));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"deep.yaml:{deep.Line}:{deep.Column}: ", error.ToString());
        Assert.Contains(deep.Message, error.Message);
        Assert.Single(Sweeps.Valid(Good).Parameters);
    }

    [Fact]
    public void SixtyFourLevelsParseAndSixtyFiveDoNot()
    {
        var within = Sweeps.Errors(Sweeps.GridHeader + "base: " + Nested(64 - 1) + "\n");
        var beyond = Sweeps.Errors(Sweeps.GridHeader + "base: " + Nested(65 - 1) + "\n");

        Assert.Contains("base 'a': expected a single value, found a mapping", Assert.Single(within).Message);   // the loader read it
        Assert.Equal("test.yaml:4:" + (7 + 4 * 63) + ": " + DeepYaml.TooDeep, Assert.Single(beyond).ToString());
    }

    [Fact]
    public void AFileAtTheSizeLimitParsesAndOneCharacterMoreIsRejectedAtItsStart()
    {
        var padded = Good + "#" + new string('x', BoundedYaml.MaxChars - Good.Length - 2) + "\n";
        Assert.Equal(BoundedYaml.MaxChars, padded.Length);

        Sweeps.Valid(padded);
        var error = Assert.Single(Sweeps.Errors(padded + " "));

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains(DeepYaml.TooLong, error.Message);
    }

    [Theory]
    [InlineData("? &k [*k]\n: 1\n", 1, 7)]                                                       // a key that contains itself: hashing it never ends
    [InlineData(Sweeps.GridHeader + "base: &b {max_iters: 10}\nparameters: *b\n", 5, 13)]
    [InlineData(Sweeps.GridHeader + "parameters:\n  n_layer: {values: &v [1, 2]}\n  n_head: {values: *v}\n", 6, 20)]
    public void AliasesAreRejectedWhereTheyAreUsed(string yaml, int line, int column)
    {
        var error = Assert.Single(OnOneMegabyteStack(() => SweepParser.Parse(yaml, "test.yaml")).Errors);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains("aliases", error.Message);
    }

    [Fact]
    public void ALoaderErrorBeforeASyntaxErrorIsStillTheOneReported()
    {
        var error = Assert.Single(Sweeps.Errors("name: a\nname: b\nmetric: [\n"));

        Assert.Equal(2, error.Line);
        Assert.Contains("Duplicate key", error.Message);
    }

    [Fact]
    public void AValuesListAsLongAsTheSizeLimitAllowsFindsItsOneDuplicate()
    {
        // Each value was once compared, as a number, with every earlier one: quadratic, and over a minute here.
        var values = Enumerable.Range(1, 20_000).Select(i => $"{i}e-5").Append("0.00001");
        var yaml = Sweeps.RandomHeader + $"parameters:\n  dropout: {{values: [{string.Join(", ", values)}]}}\n";

        var error = Assert.Single(Sweeps.Errors(yaml));

        Assert.Equal(6, error.Line);
        Assert.Contains("'0.00001' is listed twice", error.Message);
    }

    [Theory]
    [InlineData("base:\n  ? {0}\n  : 1\n", 5, "base: unknown config key")]
    [InlineData("? {0}\n: 1\n", 4, "unknown top-level key")]
    [InlineData("base:\n  arch: {0}\n", 5, "unknown architecture")]
    public void AKeyOrValueAsLongAsTheSizeLimitAllowsIsReportedShortened(string body, int line, string message)
    {
        // An explicit key (`? KEY`) may be as long as the file; looking for a near spelling once compared it in full with every key.
        var yaml = Sweeps.GridHeader + string.Format(System.Globalization.CultureInfo.InvariantCulture, body, new string('q', 250_000));

        var error = Assert.Single(Sweeps.Errors(yaml));

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message);
        Assert.True(error.Message.Length <= SweepErrors.MaxMessageLength, $"{error.Message.Length} characters");
    }

    /// <summary>`{a: {a: … x}}` with <paramref name="levels"/> mappings.</summary>
    private static string Nested(int levels) => string.Concat(Enumerable.Repeat("{a: ", levels)) + "x" + new string('}', levels);

    private static T OnOneMegabyteStack<T>(Func<T> parse)
    {
        T result = default!;
        var thread = new Thread(() => result = parse(), maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        return result;
    }
}
