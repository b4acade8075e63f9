namespace MinRnnLab.Config;

/// <summary>Named starting points; any key can still be overridden after a preset.</summary>
public static class Presets
{
    private static readonly Dictionary<string, (string Key, string Value)[]> All = new()
    {
        // nanoGPT's "baby GPT on CPU" (README): reaches val loss ≈ 1.88 in 2000 iterations.
        ["nanogpt-baby-cpu"] =
        [
            ("arch", "transformer"), ("n_layer", "4"), ("n_head", "4"), ("n_embd", "128"), ("block_size", "64"),
            ("batch_size", "12"), ("max_iters", "2000"), ("lr_decay_iters", "2000"), ("learning_rate", "1e-3"),
            ("min_lr", "1e-4"), ("warmup_iters", "100"), ("dropout", "0.0"), ("beta2", "0.99"), ("weight_decay", "0.1"),
            ("grad_clip", "1.0"), ("eval_interval", "250"), ("eval_iters", "20"), ("log_interval", "10"),
        ],
        // nanoGPT's config/train_shakespeare_char.py: val loss ≈ 1.47 on a GPU.
        ["shakespeare-char"] =
        [
            ("arch", "transformer"), ("n_layer", "6"), ("n_head", "6"), ("n_embd", "384"), ("block_size", "256"),
            ("batch_size", "64"), ("max_iters", "5000"), ("lr_decay_iters", "5000"), ("learning_rate", "1e-3"),
            ("min_lr", "1e-4"), ("warmup_iters", "100"), ("dropout", "0.2"), ("beta2", "0.99"),
            ("eval_interval", "250"), ("eval_iters", "200"),
        ],
        // The paper's language-modelling setup (PAPER.md): pick arch with --arch.
        ["paper"] =
        [
            ("n_layer", "3"), ("n_head", "6"), ("n_embd", "384"), ("block_size", "256"), ("batch_size", "64"),
            ("max_iters", "5000"), ("learning_rate", "1e-3"), ("decay_lr", "false"), ("dropout", "0.2"),
            ("grad_clip", "0.25"), ("eval_interval", "25"), ("eval_iters", "50"),
        ],
        // Seconds on a laptop CPU: smoke tests and demos.
        ["tiny"] =
        [
            ("n_layer", "2"), ("n_head", "2"), ("n_embd", "32"), ("block_size", "32"), ("batch_size", "8"),
            ("max_iters", "60"), ("warmup_iters", "5"), ("dropout", "0.0"), ("eval_interval", "20"), ("eval_iters", "4"),
            ("checkpoint_interval", "20"), ("sample_chars", "100"),
        ],
    };

    public static IEnumerable<string> Names => All.Keys;

    public static IReadOnlyList<ConfigValue> Get(string name) => All.TryGetValue(name, out var values)
        ? values.Select(v => new ConfigValue(v.Key, v.Value, $"preset {name}")).ToArray()
        : throw new ConfigException($"unknown preset '{name}'; expected one of: {string.Join(", ", Names)}");
}
