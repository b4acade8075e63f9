namespace MinRnnLab.Config;

/// <summary>
/// The memory a run may use on this machine, and the check of a config's <see cref="MemoryEstimate"/> against it: a
/// size that cannot fit is refused at the key that makes it big, before anything is allocated ("config key 'n_layer' =
/// 100000 is invalid: the run needs about 1.9 TB, this worker has 22 GB"). `sweep validate`, a sweep's submission to
/// the grains, `train` and every trial's start (TrainingLoop) check it.
/// </summary>
public static class WorkerMemory
{
    /// <summary>
    /// This process's limit as the .NET runtime reads it: its cgroup's memory limit where one is set, else the
    /// machine's physical memory. Other work on the machine is not subtracted: the check refuses what can never fit.
    /// </summary>
    public static long Bytes { get; } = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The keys that size a run, in the order blame is given when two shrink the estimate alike.</summary>
    private static readonly string[] SizeKeys = ["n_layer", "n_embd", "expansion", "d_state", "conv_kernel", "block_size", "batch_size", "n_head"];

    /// <summary>Throws a ConfigException naming the key that makes the run too big, when it needs more than <paramref name="workerBytes"/>.</summary>
    public static void Require(RunConfig config, long workerBytes)
    {
        // A GPU run holds its weights and activations in the GPU's memory, which nothing here can read without torch.
        if (!DeviceSpec.TryParse(config.Train.Device, out var device) || device.Kind == DeviceKind.Cuda)
            return;
        var estimate = MemoryEstimate.Of(config);
        if (estimate.TotalBytes <= workerBytes)
            return;
        var (key, value) = Blame(config);
        throw new ConfigException($"config key '{key}' = {value} is invalid: the run needs about {Size(estimate.TotalBytes)}, " +
                                  $"this worker has {Size(workerBytes)} ({Parts(estimate)})");
    }

    /// <summary>"1.9 TB", "22 GB", "310 MB": decimal units, two significant figures at most.</summary>
    public static string Size(double bytes) => bytes switch
    {
        >= 1e15 => $"{bytes / 1e15:0.#} PB",
        >= 1e12 => $"{bytes / 1e12:0.#} TB",
        >= 1e10 => $"{bytes / 1e9:0} GB",
        >= 1e9 => $"{bytes / 1e9:0.#} GB",
        _ => $"{bytes / 1e6:0} MB",
    };

    private static string Parts(MemoryEstimate e) =>
        $"{e.Parameters:N0} parameters: {Size(e.WeightBytes)} of weights and {Size(e.OptimizerBytes)} of gradients and AdamW state; " +
        $"{Size(e.ActivationBytes)} of activations";

    /// <summary>The size key whose return to its default shrinks the estimate most: the line a user should change.</summary>
    private static (string Key, string Value) Blame(RunConfig config)
    {
        var defaults = new RunConfig();
        var total = MemoryEstimate.Of(config).TotalBytes;
        var best = (Key: SizeKeys[0], Value: config.Model.NLayer.ToString(), Saved: double.MinValue);
        foreach (var key in SizeKeys)
        {
            var (reset, value) = key switch
            {
                "n_layer" => (config with { Model = config.Model with { NLayer = defaults.Model.NLayer } }, config.Model.NLayer),
                "n_embd" => (config with { Model = config.Model with { NEmbd = defaults.Model.NEmbd } }, config.Model.NEmbd),
                "expansion" => (config with { Model = config.Model with { Expansion = defaults.Model.Expansion } }, config.Model.Expansion),
                "d_state" => (config with { Model = config.Model with { DState = defaults.Model.DState } }, config.Model.DState),
                "conv_kernel" => (config with { Model = config.Model with { ConvKernel = defaults.Model.ConvKernel } }, config.Model.ConvKernel),
                "block_size" => (config with { Model = config.Model with { BlockSize = defaults.Model.BlockSize } }, config.Model.BlockSize),
                "batch_size" => (config with { Train = config.Train with { BatchSize = defaults.Train.BatchSize } }, config.Train.BatchSize),
                _ => (config with { Model = config.Model with { NHead = defaults.Model.NHead } }, config.Model.NHead),
            };
            var saved = total - MemoryEstimate.Of(reset).TotalBytes;
            if (saved > best.Saved)
                best = (key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), saved);
        }
        return (best.Key, best.Value);
    }
}
