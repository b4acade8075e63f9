namespace MinRnnLab.Sweeps.Importance;

/// <summary>
/// The functional ANOVA of a regression tree (Hutter, Hoos and Leyton-Brown 2014, "An Efficient Approach for
/// Assessing Hyperparameter Importance"): the tree is a piecewise-constant function over the parameter space, with
/// x drawn uniformly from each parameter's domain. Its variance V splits into the variance of each parameter's
/// marginal a_j(x_j) = E[f | x_j] and the interactions; a parameter's importance is V_j / V, the share of the
/// variance its main effect explains. Computed exactly from the tree's leaves, no sampling:
/// 1. every leaf is a box, the product of an interval (or a set of categories) per parameter, each a fraction of its domain;
/// 2. μ = Σ_leaf vol·v and V = Σ_leaf vol·(v − μ)²;
/// 3. parameter j's domain is cut at every threshold the tree uses on j (or into its categories): on each cell c,
///    a_j = Σ over leaves whose box contains c of v · Π_{k≠j} fraction_k, and V_j = Σ_c width_c·(a_j(c) − μ)².
/// </summary>
internal static class FunctionalAnova
{
    /// <summary>A leaf's box: per parameter, [Low, High) on a numeric axis or the categories it admits.</summary>
    private sealed record Leaf(double Value, double[] Low, double[] High, bool[]?[] Admits);

    /// <summary>V_j / V per parameter for one tree; null when the tree predicts one value everywhere (no variance to share).</summary>
    public static double[]? MainEffectShares(RegressionTree tree, IReadOnlyList<ParameterAxis> axes)
    {
        var leaves = Leaves(tree, axes);
        var fractions = leaves.Select(l => Enumerable.Range(0, axes.Count).Select(k => Fraction(l, k, axes[k])).ToArray()).ToArray();
        var volumes = fractions.Select(f => f.Aggregate(1.0, (a, b) => a * b)).ToArray();
        var mean = leaves.Select((l, i) => volumes[i] * l.Value).Sum();
        var variance = leaves.Select((l, i) => volumes[i] * (l.Value - mean) * (l.Value - mean)).Sum();
        if (variance <= 1e-300)
            return null;
        var shares = new double[axes.Count];
        for (var j = 0; j < axes.Count; j++)
        {
            var otherVolumes = fractions.Select(f => f.Where((_, k) => k != j).Aggregate(1.0, (a, b) => a * b)).ToArray();
            var marginalVariance = 0.0;
            foreach (var (point, width) in Cells(tree, j, axes[j]))
            {
                var marginal = 0.0;
                for (var i = 0; i < leaves.Count; i++)
                    if (Contains(leaves[i], j, point))
                        marginal += leaves[i].Value * otherVolumes[i];
                marginalVariance += width * (marginal - mean) * (marginal - mean);
            }
            shares[j] = marginalVariance / variance;
        }
        return shares;
    }

    private static List<Leaf> Leaves(RegressionTree tree, IReadOnlyList<ParameterAxis> axes)
    {
        var leaves = new List<Leaf>();
        var low = axes.Select(a => a.IsCategorical ? 0 : a.Low).ToArray();
        var high = axes.Select(a => a.IsCategorical ? 0 : a.High).ToArray();
        var admits = axes.Select(a => a.IsCategorical ? Enumerable.Repeat(true, a.Categories.Count).ToArray() : null).ToArray();
        Walk(tree, 0, low, high, admits, leaves);
        return leaves;
    }

    private static void Walk(RegressionTree tree, int index, double[] low, double[] high, bool[]?[] admits, List<Leaf> leaves)
    {
        var node = tree.Nodes[index];
        if (node.IsLeaf)
        {
            leaves.Add(new Leaf(node.Value, low, high, admits));
            return;
        }
        var f = node.Feature;
        var (leftLow, leftHigh, leftAdmits) = ((double[])low.Clone(), (double[])high.Clone(), (bool[]?[])admits.Clone());
        var (rightLow, rightHigh, rightAdmits) = ((double[])low.Clone(), (double[])high.Clone(), (bool[]?[])admits.Clone());
        if (node.GoesLeft is { } goesLeft)
        {
            leftAdmits[f] = admits[f]!.Select((a, c) => a && goesLeft[c]).ToArray();
            rightAdmits[f] = admits[f]!.Select((a, c) => a && !goesLeft[c]).ToArray();
        }
        else
        {
            leftHigh[f] = Math.Min(high[f], node.Threshold);
            rightLow[f] = Math.Max(low[f], node.Threshold);
        }
        Walk(tree, node.Left, leftLow, leftHigh, leftAdmits, leaves);
        Walk(tree, node.Right, rightLow, rightHigh, rightAdmits, leaves);
    }

    /// <summary>The share of axis k's domain the leaf covers (0 for an empty box, which then weighs nothing).</summary>
    private static double Fraction(Leaf leaf, int k, ParameterAxis axis) => leaf.Admits[k] is { } admits
        ? (double)admits.Count(a => a) / admits.Length
        : Math.Max(0, leaf.High[k] - leaf.Low[k]) / (axis.High - axis.Low);

    /// <summary>The cells parameter j's domain falls into under this tree: a point inside each and its share of the domain.</summary>
    private static IEnumerable<(double Point, double Width)> Cells(RegressionTree tree, int j, ParameterAxis axis)
    {
        if (axis.IsCategorical)
            return Enumerable.Range(0, axis.Categories.Count).Select(c => ((double)c, 1.0 / axis.Categories.Count));
        var cuts = tree.Nodes.Where(n => !n.IsLeaf && n.Feature == j && n.Threshold > axis.Low && n.Threshold < axis.High)
            .Select(n => n.Threshold).Append(axis.Low).Append(axis.High).Distinct().Order().ToArray();
        return cuts.Zip(cuts.Skip(1), (a, b) => ((a + b) / 2, (b - a) / (axis.High - axis.Low)));
    }

    private static bool Contains(Leaf leaf, int j, double point) =>
        leaf.Admits[j] is { } admits ? admits[(int)point] : point >= leaf.Low[j] && point < leaf.High[j];
}
