using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using MinRnnLab.Config;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Sweeps.Tests;

/// <summary>
/// A sweep grain keeps its parsed file in its state as JSON (System.Text.Json's defaults, as the SQLite and PostgreSQL
/// grain storage write it) and expands trials from what it reads back: that must be the definition it parsed, to the
/// last trial, or a sweep would change its plan when its grain moves or restarts.
/// </summary>
public class StoredDefinitionTests
{
    /// <summary>Every section a file may have, each away from its default.</summary>
    private const string EverySection = """
        name: every-section
        metric: {name: train_loss, goal: maximize, target: 0.5}
        method: random
        seed: 11
        run_cap: 30
        base: {preset: tiny, dropout: 0.05, eval_interval: 5}
        parameters:
          arch: {values: [transformer, mingru, mamba]}
          learning_rate: {distribution: log_uniform, min: 1e-4, max: 1e-2}
          n_layer: {distribution: int_uniform, min: 1, max: 3}
          weight_decay: {distribution: uniform, min: 0.0, max: 0.3}
          n_head: {values: [2, 4], when: {arch: transformer}}
          bias: {value: false}
        early_terminate: {type: asha, min_evals: 1, eta: 3, max_evals: 27}
        retention: {checkpoints: best, top_k: 3}
        tags: [baseline, v2]
        notes: |
          first line
          second line
        seeds: 2
        parallel: 3
        max_restarts: 4
        checkpoint_interval: 7
        """;

    private const string Bayes = """
        name: bayes
        metric: {name: val_loss}
        method: bayes
        run_cap: 12
        bayes: {startup_trials: 3, gamma: 0.15, ei_candidates: 40}
        base: {preset: tiny}
        parameters:
          learning_rate: {distribution: log_uniform, min: 1e-4, max: 1e-2}
          n_embd: {values: [32, 64]}
        early_terminate: {type: patience, evals: 4, min_delta: 0.001}
        """;

    private const string Configurations = """
        name: configurations
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny}
        configurations:
          - {arch: mingru, block: gated, mlp: true}
          - {arch: transformer, n_head: 2}
        early_terminate: {type: median, min_evals: 2, min_runs: 3}
        seeds: 3
        """;

    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>(EverySection, Bayes, Configurations);
        foreach (var file in Directory.GetFiles(Repository.PathOf("sweeps"), "*.yaml").Order())
            files.Add(File.ReadAllText(file));
        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void AStoredDefinitionReadsBackAsTheOneParsedToTheLastTrial(string yaml)
    {
        var parsed = Sweeps.Valid(yaml);

        var stored = JsonSerializer.Serialize(parsed);
        var read = JsonSerializer.Deserialize<SweepDefinition>(stored)!;

        Assert.Equal(Dump(parsed), Dump(read));                                         // every property, lists and all
        Assert.Equal(TrialExpander.Count(parsed), TrialExpander.Count(read));
        var trials = (int)Math.Min(TrialExpander.Count(parsed), 200);
        Assert.Equal(Trials(parsed, trials), Trials(read, trials));
    }

    /// <summary>Each trial as the grain would start it (TPE's too, before any history): parameters, seed and the full config.</summary>
    private static List<string> Trials(SweepDefinition sweep, int count) => sweep.Method == SearchMethod.Bayes
        ? [.. RandomSearch.Configurations(sweep).Take(count).Select(p => string.Join(',', p.Select(kv => $"{kv.Key}={kv.Value}")))]
        : [.. TrialExpander.Expand(sweep).Take(count).Select(t => $"{t.Index} {string.Join(',', t.Parameters)} {t.Seed} {ConfigJson.Serialize(t.Config)}")];

    /// <summary>
    /// Every public property, depth first, written out without System.Text.Json: a property the JSON leaves out (or
    /// cannot read back) shows here, where comparing JSON with JSON would not see it.
    /// </summary>
    private static string Dump(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable scalar when value.GetType().IsPrimitive || value.GetType().IsEnum => scalar.ToString(null, CultureInfo.InvariantCulture),
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{k}: {Dump(map[k])}")) + "}",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object>().Select(Dump)) + "]",
        _ => value.GetType().Name + "(" + string.Join(", ", value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => $"{p.Name}={Dump(p.GetValue(value))}")) + ")",
    };
}
