using MinRnnLab.Training.Config;

namespace MinRnnLab.Web.Services;

/// <summary>
/// The paper's language-modelling table (shared/PAPER.md: Feng et al. 2024, tiny Shakespeare, best validation
/// loss and its step) and the setup it was measured with, to put a sweep's numbers beside it.
/// </summary>
public static class PaperReference
{
    public sealed record Row(string Arch, double BestValLoss, int BestStep);

    /// <summary>The numbers themselves live in MinRnnLab.Training, shared with `minrnn sweep report`.</summary>
    public static IReadOnlyList<Row> Rows { get; } = MinRnnLab.Training.PaperReference.Results
        .Select(p => new Row(p.Key, p.Value.BestValLoss, p.Value.BestStep)).ToList();

    /// <summary>The paper's task is character-level LM on tiny Shakespeare judged by validation loss: any sweep here that trains one of its architectures on val_loss.</summary>
    public static bool Matches(string metric, IEnumerable<string> arches) =>
        metric == "val_loss" && arches.Any(a => Rows.Any(r => r.Arch == a));

    /// <summary>Where a run's config departs from the paper's shared setup (empty: same setup, numbers comparable).</summary>
    public static IReadOnlyList<string> SetupDifferences(RunConfig config)
    {
        var differences = new List<string>();
        void Check<T>(string key, T actual, T paper)
        {
            if (!EqualityComparer<T>.Default.Equals(actual, paper))
                differences.Add($"{key} {actual} (paper {paper})");
        }
        Check("n_layer", config.Model.NLayer, 3);
        Check("n_embd", config.Model.NEmbd, 384);
        Check("dropout", config.Model.Dropout, 0.2);
        Check("batch_size", config.Train.BatchSize, 64);
        Check("max_iters", config.Train.MaxIters, 5000);
        Check("learning_rate", config.Train.LearningRate, 1e-3);
        Check("grad_clip", config.Train.GradClip, 0.25);
        return differences;
    }
}
