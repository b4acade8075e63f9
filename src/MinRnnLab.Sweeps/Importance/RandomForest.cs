namespace MinRnnLab.Sweeps.Importance;

/// <summary>
/// Trees grown on bootstrap samples of the trials (scikit-learn's RandomForestRegressor as Optuna's fANOVA configures
/// it: every feature considered at each split, leaves down to one sample). The seed picks the bootstraps, so forests
/// of different seeds disagree exactly as much as the data leaves room for: that disagreement is the spread we show.
/// </summary>
internal sealed class RandomForest
{
    public IReadOnlyList<RegressionTree> Trees { get; }

    private RandomForest(IReadOnlyList<RegressionTree> trees) => Trees = trees;

    public static RandomForest Grow(IReadOnlyList<ParameterAxis> axes, double[][] x, double[] y, int trees, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trees, 1);
        if (x.Length != y.Length || x.Length == 0)
            throw new ArgumentException($"a forest needs as many objectives as rows, and at least one; got {x.Length} rows and {y.Length} objectives");
        var random = new Random(seed);
        var grown = new RegressionTree[trees];
        for (var t = 0; t < trees; t++)
        {
            var bootstrap = new int[x.Length];
            for (var i = 0; i < bootstrap.Length; i++)
                bootstrap[i] = random.Next(x.Length);
            grown[t] = RegressionTree.Grow(axes, x, y, bootstrap);
        }
        return new RandomForest(grown);
    }

    public double Predict(double[] row) => Trees.Average(t => t.Predict(row));
}
