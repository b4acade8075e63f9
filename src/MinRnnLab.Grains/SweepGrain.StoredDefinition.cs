using MinRnnLab.Sweeps;

namespace MinRnnLab.Grains;

/// <summary>
/// The sweep's file, parsed once: at submission, or for state stored before sweeps kept it parsed, at the first
/// activation of this build. Every later activation reads it typed from the state.
/// </summary>
public sealed partial class SweepGrain
{
    /// <summary>
    /// State stored before sweeps kept their parsed file holds only its text: parsed here once and kept, so no later
    /// activation parses it. It was validated when submitted; this machine's memory does not judge it again.
    /// </summary>
    private async Task KeepDefinitionTyped()
    {
        if (S.Definition is not null)
            return;
        var parsed = SweepParser.Parse(S.Yaml!, S.FileName, workerMemory: long.MaxValue);
        S.Definition = parsed.Definition ?? throw new InvalidOperationException(
            $"sweep '{SweepId}': its stored file no longer parses: {string.Join("; ", parsed.Errors)}");
        await state.WriteStateAsync();
    }
}
