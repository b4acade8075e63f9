namespace MinRnnLab.Config;

/// <summary>
/// The paper's language-modelling table (shared/PAPER.md: Feng et al. 2024, tiny Shakespeare, best validation
/// loss and its step) and the setup it was measured with, to put a sweep's numbers beside it. Shared by
/// `minrnn sweep report` and the web UI.
/// </summary>
public static class PaperReference
{
    public sealed record Row(string Arch, double BestValLoss, int BestStep);

    public static IReadOnlyList<Row> Rows { get; } =
    [
        new("mingru", 1.548, 575),
        new("minlstm", 1.555, 625),
        new("mamba", 1.575, 400),
        new("transformer", 1.547, 2000),
    ];

    /// <summary>The paper's row for an architecture, or null when the paper did not train it.</summary>
    public static Row? For(string arch) => Rows.FirstOrDefault(r => r.Arch == arch);

    /// <summary>The paper's setup is the `paper` preset: one place says what it is.</summary>
    public static RunConfig Setup { get; } = ConfigBinder.Bind(Presets.Get("paper"));

    /// <summary>The paper's task is character-level LM on tiny Shakespeare judged by validation loss: any sweep here that trains one of its architectures on val_loss.</summary>
    public static bool Matches(string metric, IEnumerable<string> arches) =>
        metric == "val_loss" && arches.Any(a => For(a) is not null);

    /// <summary>Where a run's config departs from the paper's shared setup (empty: same setup, numbers comparable).</summary>
    public static IReadOnlyList<string> SetupDifferences(RunConfig config)
    {
        var differences = new List<string>();
        void Check<T>(string key, T actual, T paper)
        {
            if (!EqualityComparer<T>.Default.Equals(actual, paper))
                differences.Add($"{key} {actual} (paper {paper})");
        }
        Check("n_layer", config.Model.NLayer, Setup.Model.NLayer);
        Check("n_embd", config.Model.NEmbd, Setup.Model.NEmbd);
        Check("dropout", config.Model.Dropout, Setup.Model.Dropout);
        Check("batch_size", config.Train.BatchSize, Setup.Train.BatchSize);
        Check("max_iters", config.Train.MaxIters, Setup.Train.MaxIters);
        Check("learning_rate", config.Train.LearningRate, Setup.Train.LearningRate);
        Check("grad_clip", config.Train.GradClip, Setup.Train.GradClip);
        return differences;
    }
}
