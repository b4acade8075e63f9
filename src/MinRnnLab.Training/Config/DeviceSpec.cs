using System.Globalization;

namespace MinRnnLab.Training.Config;

/// <summary>Which kind of device slot a run asks for; the lower-case name ("cpu", "cuda") is what queues store.</summary>
public enum DeviceKind { Cpu, Cuda }

/// <summary>
/// A device name as config, slots and the command line write it: "cpu", "cuda" (the first GPU) or "cuda:N".
/// The one parser of device strings; <see cref="Name"/> is what torch is given.
/// </summary>
public readonly record struct DeviceSpec(DeviceKind Kind, int? Index)
{
    public static DeviceSpec Cpu { get; } = new(DeviceKind.Cpu, null);

    /// <summary>"cpu" or "cuda": the kind as runs ask for it and slots offer it.</summary>
    public string KindName => Kind == DeviceKind.Cpu ? "cpu" : "cuda";

    public string Name => Index is { } index ? $"cuda:{index}" : KindName;

    public override string ToString() => Name;

    public static bool TryParse(string? text, out DeviceSpec device)
    {
        device = Cpu;
        var value = text?.Trim().ToLowerInvariant();
        if (value == "cpu")
            return true;
        if (value == "cuda")
        {
            device = new DeviceSpec(DeviceKind.Cuda, null);
            return true;
        }
        if (value is not null && value.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(value[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            device = new DeviceSpec(DeviceKind.Cuda, index);
            return true;
        }
        return false;
    }

    /// <summary>The device <paramref name="text"/> names; throws ArgumentException naming <paramref name="what"/> otherwise.</summary>
    public static DeviceSpec Parse(string text, string what = "device") => TryParse(text, out var device)
        ? device
        : throw new ArgumentException($"{what} '{text}' is not 'cpu', 'cuda' or 'cuda:N'");
}
