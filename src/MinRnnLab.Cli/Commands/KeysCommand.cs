using MinRnnLab.Training.Config;

namespace MinRnnLab.Cli.Commands;

/// <summary>`minrnn keys`: every config key with its default, and the presets.</summary>
public static class KeysCommand
{
    public static int Run()
    {
        Console.WriteLine("config keys (defaults):");
        Console.WriteLine(ConfigJson.Serialize(new RunConfig()));
        Console.WriteLine($"presets: {string.Join(", ", Presets.Names)}");
        return 0;
    }
}
