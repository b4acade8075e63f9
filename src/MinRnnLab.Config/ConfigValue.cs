namespace MinRnnLab.Config;

/// <summary>One key = value setting and where it came from ("preset nanogpt-baby-cpu", "cfg.yaml:3:1", "--lr").</summary>
public sealed record ConfigValue(string Key, string Value, string Source);
