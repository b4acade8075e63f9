using System.CommandLine;
using MinRnnLab.Config;

namespace MinRnnLab.Cli.Commands;

/// <summary>`minrnn keys`: every config key with its default, the choices of the enumerated ones, and the presets.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "every config key with its default, the choices of the enumerated ones, and the presets");
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        Console.WriteLine("config keys (defaults):");
        Console.WriteLine(ConfigJson.Serialize(new RunConfig()));
        Console.WriteLine($"choices (null above = {ConfigKeys.Auto}: the architecture's own; docs/models.md describes the block keys):");
        foreach (var key in ConfigKeys.All.Where(k => ConfigKeys.TypeOf(k) is var t && (t.IsEnum || Nullable.GetUnderlyingType(t) is not null)))
            Console.WriteLine($"  {key}: {ConfigKeys.Expected(ConfigKeys.TypeOf(key))}");
        Console.WriteLine($"presets: {string.Join(", ", Presets.Names)}");
        return 0;
    }
}
