namespace MinRnnLab.Sweeps.Tests;

/// <summary>Each kind of mistake is rejected at the line and column of the node that holds it, saying what was found and expected.</summary>
public class MalformedSweepTests
{
    private const string Grid = Sweeps.GridHeader;     // lines 1-3
    private const string Random = Sweeps.RandomHeader; // lines 1-4
    private const string Bayes = Sweeps.BayesHeader;   // lines 1-4

    [Theory]
    // YAML itself
    [InlineData("name: t\nmetric: {name: val_loss\nmethod: grid\n", 2, 14, "never closed")]
    [InlineData("name: t\nmetric: [a, b\n", 3, 1, "did not find expected ',' or ']'")]
    [InlineData(Grid + "base:\n  n_layer: 2\n n_head: 2\n", 6, 2, "invalid YAML")]
    [InlineData("", 1, 1, "the file is empty")]
    [InlineData("- name: t\n", 1, 1, "expected a mapping")]
    // top level
    [InlineData(Grid + "parallell: 2\n", 4, 1, "did you mean 'parallel'?")]
    [InlineData(Grid + "learning_rate: 1e-3\n", 4, 1, "put it under base")]
    [InlineData("metric: {name: val_loss}\nmethod: grid\n", 1, 1, "missing 'name'")]
    [InlineData("name: my sweep!\nmetric: {name: val_loss}\nmethod: grid\n", 1, 7, "found 'my sweep!'")]
    [InlineData("name: t\nmetric: {name: val_acc}\nmethod: grid\n", 2, 16, "unknown metric 'val_acc'")]
    [InlineData("name: t\nmetric: {name: val_loss, goal: lowest}\nmethod: grid\n", 2, 32, "unknown metric goal 'lowest'")]
    [InlineData("name: t\nmetric: {name: val_loss, target: low}\nmethod: grid\n", 2, 34, "expected a number, found 'low'")]
    [InlineData("name: t\nmetric: val_loss\nmethod: grid\n", 2, 9, "expected a mapping")]
    [InlineData("name: t\nmetric: {name: val_loss}\nmethod: bayes\n", 3, 9, "method bayes needs run_cap")]
    [InlineData("name: t\nmetric: {name: val_loss}\nmethod: grdi\n", 3, 9, "did you mean 'grid'?")]
    [InlineData("name: t\nmetric: {name: val_loss}\nmethod: random\n", 3, 9, "needs run_cap")]
    [InlineData(Grid + "run_cap: 0\n", 4, 10, "expected a positive integer, found '0'")]
    [InlineData(Grid + "parallel: -1\n", 4, 11, "expected a positive integer, found '-1'")]
    [InlineData(Grid + "seeds: two\n", 4, 8, "expected a positive integer, found 'two'")]
    [InlineData(Grid + "max_restarts: -2\n", 4, 15, "non-negative integer")]
    [InlineData("name: t\nmetric: {name: val_loss}\nmethod: random\nrun_cap: 20000\n", 4, 10, "above the limit")]
    // base
    [InlineData(Grid + "base:\n  lerning_rate: 1e-3\n", 5, 3, "did you mean 'learning_rate'?")]
    [InlineData(Grid + "base:\n  n_layer: three\n", 5, 12, "expected an integer, found 'three'")]
    [InlineData(Grid + "base:\n  arch: rwkv\n", 5, 9, "unknown architecture 'rwkv'")]
    [InlineData(Grid + "base:\n  preset: tinyy\n", 5, 11, "did you mean 'tiny'?")]
    [InlineData(Grid + "base:\n  out_dir: runs/x\n", 5, 3, "own artifacts folder")]
    [InlineData(Grid + "base:\n  data_path: /etc/passwd\n", 5, 3, "lab's corpus")]
    [InlineData(Grid + "parameters:\n  data_path: {values: [../../x.txt]}\n", 5, 3, "lab's corpus")]
    [InlineData(Grid + "base:\n  n_layer: [2, 3]\n", 5, 12, "expected a single value, found a list")]
    // parameters
    [InlineData(Grid + "parameters:\n  n_layers: {values: [2, 3]}\n", 5, 3, "did you mean 'n_layer'?")]
    [InlineData(Grid + "parameters:\n  n_layer: [2, 3]\n", 5, 12, "expected a mapping")]
    [InlineData(Grid + "parameters:\n  n_layer: {vals: [2, 3]}\n", 5, 13, "did you mean 'values'?")]
    [InlineData(Grid + "parameters:\n  n_layer: {values: [2, three]}\n", 5, 25, "expected an integer, found 'three'")]
    [InlineData(Grid + "parameters:\n  learning_rate: {values: []}\n", 5, 27, "the list is empty")]
    [InlineData(Grid + "parameters:\n  n_layer: {values: [2, 2]}\n", 5, 25, "listed twice")]
    [InlineData(Grid + "parameters:\n  arch: {values: [mingru, rnn]}\n", 5, 27, "unknown architecture 'rnn'")]
    [InlineData(Grid + "parameters:\n  n_layer: {values: [2], value: 3}\n", 5, 12, "only one of values, value or distribution")]
    [InlineData(Grid + "parameters:\n  dropout: {distribution: uniform, min: 0, max: 0.5}\n", 5, 3, "grid search cannot enumerate")]
    [InlineData(Random + "parameters:\n  dropout: {distribution: uniform, min: 0.5, max: 0.1}\n", 6, 41, "must be less than max")]
    [InlineData(Random + "parameters:\n  learning_rate: {distribution: log_uniform, min: 0, max: 0.1}\n", 6, 51, "log_uniform needs min > 0")]
    [InlineData(Random + "parameters:\n  n_layer: {distribution: int_uniform, min: 1.5, max: 4}\n", 6, 45, "needs an integer, found '1.5'")]
    [InlineData(Random + "parameters:\n  n_layer: {distribution: uniform, min: 1, max: 4}\n", 6, 27, "use int_uniform")]
    [InlineData(Random + "parameters:\n  dropout: {distribution: normal, min: 0, max: 0.5}\n", 6, 27, "unknown distribution 'normal'")]
    [InlineData(Random + "parameters:\n  dropout: {distribution: uniform, min: 0}\n", 6, 27, "needs max")]
    [InlineData(Random + "parameters:\n  arch: {distribution: uniform, min: 0, max: 1}\n", 6, 24, "no distribution draws")]
    [InlineData(Grid + "parameters:\n  n_head: {values: [2, 4], when: {archh: transformer}}\n", 5, 35, "can only name 'arch', found 'archh'")]
    [InlineData(Grid + "parameters:\n  n_head: {values: [2, 4], when: {arch: transfomer}}\n", 5, 41, "did you mean 'transformer'?")]
    [InlineData(Grid + "parameters:\n  arch: {values: [mingru]}\n  d_state: {values: [8, 16], when: {arch: mamba}}\n", 6, 36, "would never be used")]
    [InlineData(Grid + "parameters:\n  arch: {values: [mingru], when: {arch: mingru}}\n", 5, 34, "'arch' cannot have a when")]
    [InlineData(Grid + "base:\n  learning_rate: 1e-3\nparameters:\n  learning_rate: {values: [1e-3, 3e-3]}\n", 7, 3, "also fixed in base (line 5)")]
    [InlineData(Grid + "checkpoint_interval: 10\nbase:\n  checkpoint_interval: 20\n", 4, 1, "checkpoint_interval is set at the top level and also")]
    [InlineData(Grid + "parameters:\n  preset: {values: [tiny]}\n", 5, 3, "'preset' cannot be searched")]
    [InlineData(Grid + "seeds: 10000\nparameters:\n  learning_rate: {values: [1e-3, 2e-3]}\n", 5, 1, "above the limit of 10000 trials")]
    [InlineData(Grid + "base:\n  n_embd: 100\nparameters:\n  n_head: {values: [4, 3]}\n", 7, 3, "expected a divisor of n_embd (100)")]
    [InlineData(Grid + "parameters:\n  learning_rate: {values: [1e-3]}\n  min_lr: {values: [1e-2]}\n", 6, 3, "between 0 and learning_rate")]
    // bayes
    [InlineData(Grid + "bayes: {gamma: 0.2}\n", 4, 1, "bayes settings only apply to method: bayes; this sweep uses method: grid")]
    [InlineData(Bayes + "bayes: {gamma: 1.5}\n", 5, 16, "expected a fraction between 0 and 1")]
    [InlineData(Bayes + "bayes: {n_startup_trials: 5}\n", 5, 9, "did you mean 'startup_trials'?")]
    [InlineData(Bayes + "bayes: {ei_candidates: 0}\n", 5, 24, "expected an integer from 1 to 10,000, found '0'")]
    [InlineData(Bayes + "bayes: 3\n", 5, 8, "bayes: expected a mapping")]
    // early_terminate
    [InlineData(Grid + "early_terminate: {type: hyperband}\n", 4, 25, "unknown early_terminate type 'hyperband'")]
    [InlineData(Grid + "early_terminate: {min_evals: 3}\n", 4, 18, "missing type; expected one of: median, asha, patience")]
    [InlineData(Grid + "early_terminate: {type: patience}\n", 4, 18, "type patience needs evals")]
    [InlineData(Grid + "early_terminate: {type: patience, evals: 0}\n", 4, 42, "expected a positive integer (evaluations), found '0'")]
    [InlineData(Grid + "early_terminate: {type: patience, evals: 3, min_delta: -0.1}\n", 4, 56, "min_delta: expected 0 or more")]
    [InlineData(Grid + "early_terminate: {type: patience, evals: 3, min_delta: tiny}\n", 4, 56, "min_delta: expected a number")]
    [InlineData(Grid + "early_terminate: {type: patience, evals: 3, min_evals: 2}\n", 4, 45, "'min_evals' does not apply to type patience; it takes evals, min_delta")]
    [InlineData(Grid + "early_terminate: {type: patience, steps: 300}\n", 4, 35, "evaluations, not optimizer steps; use 'evals'")]
    [InlineData(Grid + "early_terminate: {type: median, min_steps: 3}\n", 4, 33, "evaluations, not optimizer steps; use 'min_evals'")]
    [InlineData(Grid + "early_terminate: {type: asha, eta: 1}\n", 4, 36, "expected an integer of at least 2")]
    [InlineData(Grid + "early_terminate: {type: asha, min_evals: 3, max_evals: 3}\n", 4, 56, "max_evals (3) must be above min_evals (3)")]
    [InlineData(Grid + "early_terminate: {type: median, eta: 3}\n", 4, 33, "'eta' does not apply to type median")]
    [InlineData(Grid + "early_terminate: {type: asha, min_runs: 3}\n", 4, 31, "'min_runs' does not apply to type asha")]
    [InlineData(Grid + "early_terminate: {type: median, min_evals: 0}\n", 4, 44, "expected a positive integer (evaluations), found '0'")]
    [InlineData(Grid + "early_terminate: median\n", 4, 18, "early_terminate: expected a mapping")]
    [InlineData(Grid + "early_terminate: {type: median}\nparameters:\n  eval_interval: {values: [10, 20]}\n", 6, 3, "eval_interval cannot be searched with early_terminate")]
    // tags and notes
    [InlineData(Grid + "tags: [baseline, two words]\n", 4, 18, "tag 'two words': expected letters, digits")]
    [InlineData(Grid + "tags: [a, A]\n", 4, 11, "'A' is listed twice")]
    [InlineData(Grid + "tags: baseline\n", 4, 7, "tags: expected a list")]
    [InlineData(Grid + "tags: [a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q]\n", 4, 7, "tags: expected at most 16, found 17")]
    [InlineData(Grid + "notes: [a]\n", 4, 8, "notes: expected text")]
    public void MalformedSweepIsRejectedAtTheOffendingNode(string yaml, int line, int column, string fragment)
    {
        var errors = Sweeps.Errors(yaml);

        Assert.True(
            errors.Any(e => e.Line == line && e.Column == column && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected {line}:{column} containing \"{fragment}\", got:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void DuplicateKeysAreRejectedAtTheSecondOne()
    {
        var errors = Sweeps.Errors(Sweeps.GridHeader + "seeds: 1\nseeds: 2\n");

        Assert.Contains(errors, e => e.Line == 5 && e.Message.Contains("seeds", StringComparison.Ordinal));
    }
}
