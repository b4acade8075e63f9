using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cli.Tests;

/// <summary>A real `minrnn` process: the build beside these tests, reading the shared corpus.</summary>
public static class CliProcess
{
    public static TestProcess Start(params string[] args) => StartWith(new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Start"/>, with <paramref name="environment"/> added.</summary>
    public static TestProcess StartWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        TestProcess.Start("minrnn", Path.Combine(AppContext.BaseDirectory, "minrnn.dll"), args,
            new Dictionary<string, string>(environment) { ["MINRNN_DATA"] = TestCorpus.FilePath });
}
