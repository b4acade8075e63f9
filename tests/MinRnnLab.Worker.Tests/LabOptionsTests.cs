using MinRnnLab.Hosting;
using MinRnnLab.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MinRnnLab.Worker.Tests;

public class LabOptionsTests
{
    [Theory]
    [InlineData(20, 30)]                                                                // the host's own default is longer
    [InlineData(105, 115)]                                                              // serve under MINRNN_STOP_GRACE=120
    public void TheSilosHostOutwaitsItsTrialsCheckpointGrace(int trialGraceSeconds, int hostSeconds)
    {
        var folder = Path.Combine(Path.GetTempPath(), "minrnn-grace-tests", Guid.NewGuid().ToString("N"));
        var options = new LabOptions { DataFolder = folder, Executor = ExecutorKind.Noop, TrialShutdownGrace = TimeSpan.FromSeconds(trialGraceSeconds) };
        using (var host = new HostBuilder().UseOrleans(silo => silo.AddMinRnnLab(options)).Build())
            Assert.Equal(TimeSpan.FromSeconds(hostSeconds), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void ConfiguredDevicesReplaceTheDefaultSlot()
    {
        var options = LabOptions.Bind(Settings(("Lab:Devices:0", "cpu"), ("Lab:Devices:1", "cuda:1")));

        Assert.Equal(["cpu", "cuda:1"], options.Slots.Select(s => s.Device));
        Assert.Equal(["cpu"], new LabOptions().Slots.Select(s => s.Device));
    }

    [Fact]
    public void ModesAreReadInAnyCase()
    {
        var options = LabOptions.Bind(Settings(("Lab:Storage", " Postgres "), ("Lab:ConnectionString", "Host=db"), ("Lab:Executor", "NOOP")));

        Assert.Equal((StorageKind.Postgres, ExecutorKind.Noop), (options.Storage, options.Executor));
        Assert.Equal((StorageKind.Sqlite, ExecutorKind.Process), (LabOptions.Bind(Settings()).Storage, LabOptions.Bind(Settings()).Executor));
    }

    [Theory]
    [InlineData("Lab:Storage", "mysql", "Lab:Storage 'mysql' is not one of 'sqlite', 'postgres'")]
    [InlineData("Lab:Storage", "1", "Lab:Storage '1' is not one of 'sqlite', 'postgres'")]
    [InlineData("Lab:Storage", "sqlite,postgres", "Lab:Storage 'sqlite,postgres' is not one of 'sqlite', 'postgres'")]
    [InlineData("Lab:Executor", "fast", "Lab:Executor 'fast' is not one of 'process', 'torch', 'noop', 'paced'")]
    [InlineData("Lab:Devices:0", "gpu", "Lab:Devices:0: device slot 'gpu' is not 'cpu', 'cuda' or 'cuda:N'")]
    [InlineData("Lab:Devices:0", "cuda", "Lab:Devices:0: device slot 'cuda' is not 'cpu' or 'cuda:N'")]
    [InlineData("Lab:CpuThreads", "100000", "Lab:CpuThreads (--threads) = 100000 is invalid: expected 0 (libtorch's default) to 256")]
    [InlineData("Lab:LiveFeedCapacity", "0", "Lab:LiveFeedCapacity must be at least 1, not 0")]
    [InlineData("Lab:LeaseDuration", "-00:00:05", "Lab:LeaseDuration must be positive, not -00:00:05")]
    public void AWrongSettingIsRefusedByNameWithWhatItMayBe(string key, string value, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => LabOptions.Bind(Settings((key, value)))).Message);

    [Fact]
    public void TheProcessExecutorWithoutMinrnnDllIsRefusedAtStartNamingTheSettingsThatFixIt()
    {
        var message = Assert.Throws<ArgumentException>(() => LabOptions.Bind(Settings(("Lab:TrialProgram", "/nowhere/minrnn.dll")))).Message;

        Assert.Contains("there is no /nowhere/minrnn.dll", message);
        Assert.Contains("Lab:TrialProgram", message);
        Assert.Contains("Lab:Executor", message);
    }

    [Fact]
    public void PostgresWithoutAConnectionStringIsRefused() =>
        Assert.Contains("Lab:ConnectionString is required",
            Assert.Throws<ArgumentException>(() => LabOptions.Bind(Settings(("Lab:Storage", "postgres")))).Message);

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

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
