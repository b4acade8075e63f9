namespace MinRnnLab.Config;

/// <summary>
/// The sizes a run may ask for, checked before any tensor exists: a block longer than the data or a shape whose
/// activations cannot fit crashes native code (an out-of-bounds index, or an allocation that never returns)
/// instead of failing with a message. One place for the rule; `train`, `sweep validate` and the run grains reach it
/// through <see cref="RunConfig.Validate"/>.
/// </summary>
public static class ShapeLimits
{
    /// <summary>
    /// Longest block_size the tiny Shakespeare validation split (111,540 characters) can sample: a window is
    /// block_size + 1 characters. Another corpus is checked against its own splits by <see cref="RequireWindows"/>.
    /// </summary>
    public const int MaxBlockSize = 111_540 - 1;

    /// <summary>
    /// Most elements one activation tensor may hold: 2^31 is 8 GiB in float32 and the edge of 32-bit indexing in
    /// native kernels. The default shapes stay under 2% of it; the paper's longest contexts under 80%.
    /// </summary>
    public const long MaxTensorElements = 1L << 31;

    /// <summary>Most parameters a model may have (8 GiB of float32 weights, and AdamW keeps two more copies).</summary>
    public const long MaxParameters = 1L << 31;

    /// <summary>Throws a ConfigException naming the keys and values of the first size that cannot train.</summary>
    public static void Check(ModelConfig model, TrainConfig train)
    {
        // block_size's own bound, MaxBlockSize, is checked with every key's (ConfigLimits).
        // In double: the products of int keys overflow a long long before they are refused.
        double batch = train.BatchSize, time = model.BlockSize, width = model.NEmbd;
        if (model.Arch == Architecture.Transformer)
            Limit(batch * model.NHead * time * time, "the attention scores (batch_size × n_head × block_size²)",
                $"with batch_size = {train.BatchSize}, n_head = {model.NHead}", model.BlockSize);
        // The MLP's hidden layer is 4·n_embd wide; a recurrent core is expansion·n_embd (Mamba's chunked scan adds
        // no block_size-long state dimension).
        var widest = Math.Max(4, model.Expansion);
        Limit(batch * time * width * widest, $"the widest activation (batch_size × block_size × n_embd × {widest})",
            $"with batch_size = {train.BatchSize}, n_embd = {model.NEmbd}, expansion = {model.Expansion}", model.BlockSize);
        // About 12·C² per layer for every architecture here (attention or recurrent projections, plus the 4C MLP).
        var parameters = 12 * width * width * model.NLayer;
        if (parameters > MaxParameters)
            throw new ConfigException($"config key 'n_embd' = {model.NEmbd} with n_layer = {model.NLayer} is invalid: about {parameters:N0} " +
                                      $"parameters, expected at most {MaxParameters:N0}");
    }

    /// <summary>Throws when a split of the loaded corpus is too short for one window of block_size + 1 characters.</summary>
    public static void RequireWindows(int blockSize, long trainLength, long validationLength)
    {
        var shortest = Math.Min(trainLength, validationLength);
        if (blockSize + 1 > shortest)
            throw new ConfigException($"config key 'block_size' = {blockSize} is invalid: expected at most {shortest - 1:N0} for this corpus " +
                                      $"(train split {trainLength:N0}, validation split {validationLength:N0} characters)");
    }

    // Names block_size first, so a sweep's error points at the line that sets it (see ConfigurationCheck).
    private static void Limit(double elements, string what, string others, int blockSize)
    {
        if (elements > MaxTensorElements)
            throw new ConfigException($"config key 'block_size' = {blockSize} {others} is invalid: {what} would hold {elements:N0} elements, " +
                                      $"expected at most {MaxTensorElements:N0} (8 GiB of float32)");
    }
}
