using MinRnnLab.Config;

namespace MinRnnLab.Cli;

/// <summary>Resolves a run config from `--preset`, `--config FILE` and `--key value` overrides, in that order.</summary>
public static class RunConfigLoader
{
    public static readonly string[] OwnOptions = ["preset", "config"];

    public static RunConfig Load(ParsedArgs args, params string[] commandOptions)
    {
        var values = new List<ConfigValue>();
        if (args.Get("preset") is { } preset)
            values.AddRange(Presets.Get(preset));
        if (args.Get("config") is { } file)
            values.AddRange(ConfigFile.Read(file));
        values.AddRange(args.Except([.. OwnOptions, .. commandOptions]).Select(o => new ConfigValue(o.Key, o.Value, $"--{o.Key}")));
        var config = ConfigBinder.Bind(values);
        WorkerMemory.Require(config, WorkerMemory.Bytes);
        return config;
    }
}
