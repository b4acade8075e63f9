using MinRnnLab.Training.Config;
using static TorchSharp.torch;

namespace MinRnnLab.Training;

/// <summary>Turns a device name from config into a torch device, with a clear error when it is absent.</summary>
public static class Devices
{
    public static Device Resolve(string name, int threads = 0)
    {
        if (threads > 0)
            set_num_threads(threads);
        var spec = DeviceSpec.Parse(name);
        if (spec.Kind == DeviceKind.Cpu)
            return CPU;
        if (!cuda.is_available())
            throw new InvalidOperationException(
                $"device '{name}' requested but CUDA is not available (build with -p:TorchDevice=cuda on a machine with an NVIDIA driver)");
        var device = new Device(spec.Name);
        if (device.index >= cuda.device_count())
            throw new InvalidOperationException($"device '{name}' requested but only {cuda.device_count()} CUDA device(s) exist");
        return device;
    }

    /// <summary>Resident set size of this process, in bytes.</summary>
    public static long ResidentBytes()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
