namespace MinRnnLab.Sweeps.Tests;

/// <summary>Sizes training cannot run are refused when the sweep is validated, at the line that sets them.</summary>
public class SizeLimitSweepTests
{
    [Fact]
    public void ABlockLongerThanTheValidationSplitIsRefusedAtItsLine()
    {
        var errors = Sweeps.Errors(Sweeps.GridHeader + "base:\n  arch: mingru\n  block_size: 2000000\n  max_iters: 2\n");

        Assert.Contains(errors, e => e.Line == 6 && e.Message.Contains("'block_size' = 2000000", StringComparison.Ordinal)
                                                 && e.Message.Contains("validation split", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAttentionShapeTooLargeForMemoryIsRefusedAtTheSearchedParameter()
    {
        var errors = Sweeps.Errors(Sweeps.GridHeader + "base:\n  arch: transformer\nparameters:\n  block_size: {values: [256, 100000]}\n");

        Assert.Contains(errors, e => e.Line == 7 && e.Message.Contains("block_size=100000", StringComparison.Ordinal)
                                                 && e.Message.Contains("attention scores", StringComparison.Ordinal));
    }
}
