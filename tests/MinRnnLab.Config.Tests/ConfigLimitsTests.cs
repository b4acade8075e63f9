using System.Globalization;
using MinRnnLab.Config;

namespace MinRnnLab.Config.Tests;

/// <summary>
/// Generated over the config vocabulary: every numeric key has an upper bound, the value just above it is refused at
/// the key, and its largest accepted value either fits the memory estimate of a 22 GB worker or is refused by it — so
/// no single key can ask for work that reaches native code unchecked.
/// </summary>
public class ConfigLimitsTests
{
    /// <summary>The machine the issue was measured on.</summary>
    private const long Worker = 22_000_000_000;

    public static TheoryData<string> NumericKeys => new(ConfigKeys.All.Where(IsNumeric));

    [Fact]
    public void EveryNumericKeyHasAnUpperBound()
    {
        var missing = ConfigKeys.All.Where(IsNumeric).Where(k => !ConfigLimits.Max.ContainsKey(k)).ToList();

        Assert.True(missing.Count == 0, $"numeric keys without a bound in ConfigLimits.Max: {string.Join(", ", missing)}");
        Assert.True(ConfigKeys.All.Count(IsNumeric) >= 20, "the vocabulary was not read");
    }

    [Theory]
    [MemberData(nameof(NumericKeys))]
    public void AValueAboveTheBoundIsRefusedAtItsKey(string key)
    {
        var above = Above(key);

        var error = Assert.Throws<ConfigException>(() => Bind(key, above));

        Assert.Contains($"config key '{key}' = ", error.Message);
    }

    [Theory]
    [MemberData(nameof(NumericKeys))]
    public void TheLargestAcceptedValueFitsTheMemoryEstimateOrIsRefused(string key)
    {
        RunConfig config;
        try
        {
            config = Bind(key, Largest(key));
        }
        catch (ConfigException e)
        {
            // Refused by a rule beside the bound (a relation to another key, or a product ShapeLimits caps), at a key.
            Assert.Contains("config key '", e.Message);
            return;
        }
        var estimate = MemoryEstimate.Of(config);
        Assert.True(double.IsFinite(estimate.TotalBytes) && estimate.TotalBytes > 0, $"{key}: estimate {estimate.TotalBytes}");
        if (estimate.TotalBytes <= Worker)
            WorkerMemory.Require(config, Worker);
        else
            Assert.Contains($"config key '", Assert.Throws<ConfigException>(() => WorkerMemory.Require(config, Worker)).Message);
    }

    [Fact]
    public void EverySizeAtItsBoundAtOnceIsEstimatedFinitelyAndRefused()
    {
        var model = new ModelConfig
        {
            Arch = Architecture.Mamba, NLayer = 1_024, NEmbd = 65_536, Expansion = 64, DState = 4_096, ConvKernel = 1_024,
            BlockSize = ShapeLimits.MaxBlockSize, VocabSize = 65_536,
        };
        var config = new RunConfig(model, new TrainConfig { BatchSize = 65_536 });

        Assert.True(double.IsFinite(MemoryEstimate.Of(config).TotalBytes));
        Assert.Throws<ConfigException>(() => WorkerMemory.Require(config, Worker));
    }

    private static bool IsNumeric(string key)
    {
        var type = Nullable.GetUnderlyingType(ConfigKeys.TypeOf(key)) ?? ConfigKeys.TypeOf(key);
        return type == typeof(int) || type == typeof(long) || type == typeof(double);
    }

    private static string Largest(string key) => ConfigLimits.Max[key].Max.ToString("R", CultureInfo.InvariantCulture) switch
    {
        // Below 1 exclusive: the largest a double can be and still be a probability or decay rate.
        "1" when ConfigKeys.TypeOf(key) == typeof(double) => Math.BitDecrement(1.0).ToString("R", CultureInfo.InvariantCulture),
        var text => ConfigKeys.TypeOf(key) == typeof(double) ? text : ((long)ConfigLimits.Max[key].Max).ToString(CultureInfo.InvariantCulture),
    };

    private static string Above(string key) => ConfigKeys.TypeOf(key) == typeof(double)
        ? (ConfigLimits.Max[key].Max * 2 + 1).ToString("R", CultureInfo.InvariantCulture)
        : ((long)ConfigLimits.Max[key].Max + 1).ToString(CultureInfo.InvariantCulture);

    // The transformer for the keys only it reads (n_head), Mamba for those only the recurrent cores read.
    private static RunConfig Bind(string key, string value)
    {
        var arch = key == "n_head" ? "transformer" : "mamba";
        var values = new List<ConfigValue> { new("arch", arch, "test"), new(key, value, $"--{key}") };
        // min_lr must not exceed learning_rate: it is tried with learning_rate at its own bound.
        if (key == "min_lr")
            values.Insert(0, new ConfigValue("learning_rate", Largest("learning_rate"), "test"));
        return ConfigBinder.Bind(values);
    }
}
