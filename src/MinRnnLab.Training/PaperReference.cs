namespace MinRnnLab.Training;

/// <summary>
/// The paper's language-modelling results (Feng et al. 2024, tiny Shakespeare, 3 layers × 384, 5000 steps):
/// best validation loss and the training step at which it occurred.
/// </summary>
public static class PaperReference
{
    public static IReadOnlyDictionary<string, (double BestValLoss, int BestStep)> Results { get; } =
        new Dictionary<string, (double, int)>
        {
            ["mingru"] = (1.548, 575),
            ["minlstm"] = (1.555, 625),
            ["mamba"] = (1.575, 400),
            ["transformer"] = (1.547, 2000),
        };
}
