using MinRnnLab.Grains.Hosting;
using MinRnnLab.Grains.Workers;
using Microsoft.Extensions.Configuration;

namespace MinRnnLab.Grains.Tests;

public class LabOptionsTests
{
    [Fact]
    public void ConfiguredDevicesReplaceTheDefaultSlot()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lab:Devices:0"] = "cpu",
            ["Lab:Devices:1"] = "cuda:1",
        }).Build();

        var options = configuration.GetSection("Lab").Get<LabOptions>()!;

        Assert.Equal(["cpu", "cuda:1"], options.SlotDevices);
        Assert.Equal(["cpu"], new LabOptions().SlotDevices);
    }

    [Theory]
    [InlineData("cpu", "cpu", "cpu")]
    [InlineData(" CUDA:2 ", "cuda", "cuda:2")]
    public void DeviceSlotsNameTheKindRunsAskForAndTheTorchDevice(string text, string kind, string device)
    {
        var slot = DeviceSlot.Parse(text);
        Assert.Equal(kind, slot.Kind);
        Assert.Equal(device, slot.Device);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    public void UnknownDeviceSlotsAreRejectedByName(string text) =>
        Assert.Contains(text, Assert.Throws<ArgumentException>(() => DeviceSlot.Parse(text)).Message);
}
