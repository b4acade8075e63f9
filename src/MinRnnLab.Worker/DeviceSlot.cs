using MinRnnLab.Config;

namespace MinRnnLab.Worker;

/// <summary>One device a silo offers: "cpu" or "cuda:N". Kind is what runs ask for; Device is what torch uses.</summary>
public sealed record DeviceSlot(string Kind, string Device)
{
    public string Name => Device;

    public static DeviceSlot Parse(string text)
    {
        var device = DeviceSpec.Parse(text, "device slot");
        // A slot is one GPU: "cuda" alone would leave which one to chance.
        if (device is { Kind: DeviceKind.Cuda, Index: null })
            throw new ArgumentException($"device slot '{text}' is not 'cpu' or 'cuda:N'");
        return new DeviceSlot(device.KindName, device.Name);
    }
}
