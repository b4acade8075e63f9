using MinRnnLab.Tests.Shared;
using System.Text;
using MinRnnLab.Sweeps.Tests.Fuzz;
using Xunit.Abstractions;

namespace MinRnnLab.Sweeps.Tests;

/// <summary>
/// Seeded mutations of the sample sweeps and the docs' examples through parse → validate → expand (FuzzCase).
/// MINRNN_FUZZ_SEED and MINRNN_FUZZ_CASES explore further than CI's fixed run. A case that breaks a promise is
/// written to FuzzCrashers-found/ beside the test binaries: copy it to FuzzCrashers/, where it is replayed for good.
/// </summary>
public class SweepFuzzTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 13;
    private const int DefaultCases = 10_000;

    private static readonly string CrashersFolder = Repository.PathOf("tests", "MinRnnLab.Sweeps.Tests", "FuzzCrashers");

    [Fact]
    public void MutatedSweepFilesAreAcceptedOrRejectedWithLocatedErrorsAndNothingEscapes()
    {
        var seed = EnvironmentInt("MINRNN_FUZZ_SEED", DefaultSeed);
        var cases = EnvironmentInt("MINRNN_FUZZ_CASES", DefaultCases);
        var mutator = new SweepMutator(FuzzSeeds.Load());
        var (accepted, rejected) = (0, 0);
        var firstWords = new Dictionary<string, int>();
        var crashers = new List<string>();
        var slowest = new List<(double Ms, int Index, int Chars)>();
        var clock = new System.Diagnostics.Stopwatch();

        for (var i = 0; i < cases; i++)
        {
            var (seedFile, text) = mutator.Case(seed, i);
            try
            {
                clock.Restart();
                var result = FuzzCase.Check(text);
                slowest.Add((clock.Elapsed.TotalMilliseconds, i, text.Length));
                if (result.IsValid)
                {
                    accepted++;
                    continue;
                }
                rejected++;
                var kind = Kind(result.Errors[0].Message);
                firstWords[kind] = firstWords.GetValueOrDefault(kind) + 1;
            }
            catch (Exception e)
            {
                crashers.Add($"case {i} (seed file {seedFile}, {text.Length} chars, saved as {Save(seed, i, text)}): {e.GetType().Name}: {e.Message}");
            }
        }

        output.WriteLine($"fuzz seed {seed}: {cases} cases from {mutator.Seeds.Count} seed files; {accepted} accepted, {rejected} rejected, {crashers.Count} crashers");
        output.WriteLine("most common first errors: " + string.Join("; ", firstWords.OrderByDescending(p => p.Value).Take(12).Select(p => $"{p.Key} ×{p.Value}")));
        output.WriteLine("slowest cases: " + string.Join("; ", slowest.OrderByDescending(c => c.Ms).Take(10).Select(c => $"#{c.Index} ({c.Chars} chars) {c.Ms:F0} ms")));
        foreach (var crasher in crashers)
            output.WriteLine(crasher);
        Assert.True(accepted > 0, "no mutated file was accepted: the mutations are too destructive to test expansion");
        Assert.Empty(crashers);
    }

    public static TheoryData<string> Crashers() => new(Directory.GetFiles(CrashersFolder, "*.yaml").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Crashers))]
    public void EveryCrasherFoundStaysFixed(string file)
    {
        var text = File.ReadAllText(Path.Combine(CrashersFolder, file));

        var result = FuzzCase.Check(text);

        output.WriteLine(result.IsValid ? "accepted" : string.Join("\n", result.Errors));
    }

    /// <summary>An error's message up to its first quote or colon: "unknown top-level key", "invalid YAML".</summary>
    private static string Kind(string message)
    {
        var end = message.IndexOfAny(['\'', ':', ';', '(']);
        return (end < 0 ? message : message[..end]).Trim();
    }

    private static string Save(int seed, int index, string text)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "FuzzCrashers-found");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"seed{seed}-case{index}.yaml");
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;
}
