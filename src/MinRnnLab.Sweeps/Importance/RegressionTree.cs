namespace MinRnnLab.Sweeps.Importance;

/// <summary>
/// A CART regression tree grown to purity (squared error, one sample per leaf allowed), as a forest member in
/// scikit-learn's RandomForestRegressor that Optuna's fANOVA uses. A numeric split sends x &lt; threshold left, the
/// threshold halfway between two neighbouring values seen at the node; a categorical split sends a subset of the
/// categories left, the best prefix of the categories ordered by their mean objective (optimal for squared error).
/// </summary>
internal sealed class RegressionTree
{
    /// <summary>A node: a leaf has Feature -1 and its Value; an inner node its split and children.</summary>
    internal sealed record Node(int Feature, double Threshold, bool[]? GoesLeft, int Left, int Right, double Value)
    {
        public bool IsLeaf => Feature < 0;

        public bool SendsLeft(double x) => GoesLeft is null ? x < Threshold : GoesLeft[(int)x];
    }

    private const int MaxDepth = 64;
    private readonly List<Node> nodes = [];
    private readonly IReadOnlyList<ParameterAxis> axes;

    public IReadOnlyList<Node> Nodes => nodes;

    private RegressionTree(IReadOnlyList<ParameterAxis> axes) => this.axes = axes;

    /// <summary>Grows a tree on the rows <paramref name="sample"/> (indices into x and y, repeats allowed: a bootstrap).</summary>
    public static RegressionTree Grow(IReadOnlyList<ParameterAxis> axes, double[][] x, double[] y, int[] sample)
    {
        var tree = new RegressionTree(axes);
        tree.GrowNode(x, y, sample, depth: 0);
        return tree;
    }

    public double Predict(double[] row)
    {
        var node = nodes[0];
        while (!node.IsLeaf)
            node = nodes[node.SendsLeft(row[node.Feature]) ? node.Left : node.Right];
        return node.Value;
    }

    private int GrowNode(double[][] x, double[] y, int[] rows, int depth)
    {
        var mean = rows.Average(r => y[r]);
        var index = nodes.Count;
        nodes.Add(new Node(-1, 0, null, -1, -1, mean));
        if (rows.Length < 2 || depth >= MaxDepth || rows.All(r => y[r] == y[rows[0]]))
            return index;
        var best = (Feature: -1, Threshold: 0.0, GoesLeft: (bool[]?)null, Error: SquaredError(y, rows, mean));
        for (var f = 0; f < axes.Count; f++)
        {
            var split = axes[f].IsCategorical ? BestCategoricalSplit(x, y, rows, f) : BestNumericSplit(x, y, rows, f);
            if (split is { } s && s.Error < best.Error - 1e-12)
                best = (f, s.Threshold, s.GoesLeft, s.Error);
        }
        if (best.Feature < 0)
            return index;
        var node = new Node(best.Feature, best.Threshold, best.GoesLeft, -1, -1, mean);
        var left = rows.Where(r => node.SendsLeft(x[r][best.Feature])).ToArray();
        var right = rows.Where(r => !node.SendsLeft(x[r][best.Feature])).ToArray();
        var leftIndex = GrowNode(x, y, left, depth + 1);
        var rightIndex = GrowNode(x, y, right, depth + 1);
        nodes[index] = node with { Left = leftIndex, Right = rightIndex };
        return index;
    }

    private static (double Threshold, bool[]? GoesLeft, double Error)? BestNumericSplit(double[][] x, double[] y, int[] rows, int f)
    {
        var sorted = rows.OrderBy(r => x[r][f]).ToArray();
        var (total, totalSquares) = (sorted.Sum(r => y[r]), sorted.Sum(r => y[r] * y[r]));
        var (sum, squares) = (0.0, 0.0);
        (double, bool[]?, double)? best = null;
        for (var i = 0; i < sorted.Length - 1; i++)
        {
            sum += y[sorted[i]];
            squares += y[sorted[i]] * y[sorted[i]];
            var (here, next) = (x[sorted[i]][f], x[sorted[i + 1]][f]);
            if (here == next)
                continue;
            var error = Error(sum, squares, i + 1) + Error(total - sum, totalSquares - squares, sorted.Length - i - 1);
            if (best is null || error < best.Value.Item3)
                best = ((here + next) / 2, null, error);
        }
        return best;
    }

    private (double Threshold, bool[]? GoesLeft, double Error)? BestCategoricalSplit(double[][] x, double[] y, int[] rows, int f)
    {
        var groups = rows.GroupBy(r => (int)x[r][f])
            .Select(g => (Code: g.Key, Count: g.Count(), Sum: g.Sum(r => y[r]), Squares: g.Sum(r => y[r] * y[r])))
            .OrderBy(g => g.Sum / g.Count).ToList();
        if (groups.Count < 2)
            return null;
        var (total, totalSquares, n) = (groups.Sum(g => g.Sum), groups.Sum(g => g.Squares), rows.Length);
        var (sum, squares, count) = (0.0, 0.0, 0);
        var (bestPrefix, bestError) = (-1, double.PositiveInfinity);
        for (var i = 0; i < groups.Count - 1; i++)
        {
            (sum, squares, count) = (sum + groups[i].Sum, squares + groups[i].Squares, count + groups[i].Count);
            var error = Error(sum, squares, count) + Error(total - sum, totalSquares - squares, n - count);
            if (error < bestError)
                (bestPrefix, bestError) = (i, error);
        }
        // Categories not seen at this node go right: fANOVA still needs every category to land in some leaf.
        var goesLeft = new bool[axes[f].Categories.Count];
        foreach (var g in groups.Take(bestPrefix + 1))
            goesLeft[g.Code] = true;
        return (0, goesLeft, bestError);
    }

    /// <summary>Σ (y − mean)² of a group from its count, sum and sum of squares.</summary>
    private static double Error(double sum, double squares, int count) => Math.Max(0, squares - sum * sum / count);

    private static double SquaredError(double[] y, int[] rows, double mean) => rows.Sum(r => (y[r] - mean) * (y[r] - mean));
}
