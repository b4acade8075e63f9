using MinRnnLab.Config;

namespace MinRnnLab.Config.Tests;

public class DeviceSpecTests
{
    [Theory]
    [InlineData("cpu", DeviceKind.Cpu, "cpu", "cpu")]
    [InlineData(" CPU ", DeviceKind.Cpu, "cpu", "cpu")]
    [InlineData("cuda", DeviceKind.Cuda, "cuda", "cuda")]
    [InlineData("cuda:2", DeviceKind.Cuda, "cuda", "cuda:2")]
    public void ADeviceNameGivesItsKindAndTheNameTorchIsGiven(string text, DeviceKind kind, string kindName, string name)
    {
        var device = DeviceSpec.Parse(text);
        Assert.Equal((kind, kindName, name), (device.Kind, device.KindName, device.Name));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("")]
    public void AnythingElseIsRefusedByName(string text)
    {
        Assert.False(DeviceSpec.TryParse(text, out _));
        Assert.Contains($"'{text}'", Assert.Throws<ArgumentException>(() => DeviceSpec.Parse(text)).Message);
    }
}
