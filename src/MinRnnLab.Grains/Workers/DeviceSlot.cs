namespace MinRnnLab.Grains.Workers;

/// <summary>One device a silo offers: "cpu" or "cuda:N". Kind is what runs ask for; Device is what torch uses.</summary>
public sealed record DeviceSlot(string Kind, string Device)
{
    public string Name => Device;

    public static DeviceSlot Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        if (value == "cpu")
            return new DeviceSlot("cpu", "cpu");
        if (value.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(value[5..], out var index) && index >= 0)
            return new DeviceSlot("cuda", $"cuda:{index}");
        throw new ArgumentException($"device slot '{text}' is not 'cpu' or 'cuda:N'");
    }
}
