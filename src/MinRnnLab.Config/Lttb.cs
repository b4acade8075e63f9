namespace MinRnnLab.Config;

/// <summary>
/// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the first and last points and, per
/// bucket, the point that forms the largest triangle with its neighbours, so peaks and the curve's shape
/// survive while the browser gets at most a few hundred points per trace.
/// </summary>
public static class Lttb
{
    /// <summary>Indices (ascending) of the points to keep; all indices when there are no more than <paramref name="threshold"/>.</summary>
    public static int[] Select(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int threshold)
    {
        var count = x.Length;
        if (threshold < 3 || count <= threshold)
            return Enumerable.Range(0, count).ToArray();
        var kept = new int[threshold];
        var bucketSize = (double)(count - 2) / (threshold - 2);
        var previous = 0;
        for (var bucket = 0; bucket < threshold - 2; bucket++)
        {
            // 1. The average of the next bucket is the triangle's third corner.
            var nextStart = (int)Math.Floor((bucket + 1) * bucketSize) + 1;
            var nextEnd = Math.Min((int)Math.Floor((bucket + 2) * bucketSize) + 1, count);
            double avgX = 0, avgY = 0;
            for (var i = nextStart; i < nextEnd; i++)
                (avgX, avgY) = (avgX + x[i], avgY + y[i]);
            var n = Math.Max(1, nextEnd - nextStart);
            (avgX, avgY) = (avgX / n, avgY / n);

            // 2. In this bucket, keep the point with the largest triangle (previous kept point, it, the average).
            var start = (int)Math.Floor(bucket * bucketSize) + 1;
            var end = (int)Math.Floor((bucket + 1) * bucketSize) + 1;
            var (ax, ay, best, bestArea) = (x[previous], y[previous], start, -1.0);
            for (var i = start; i < end; i++)
            {
                var area = Math.Abs((ax - avgX) * (y[i] - ay) - (ax - x[i]) * (avgY - ay));
                if (area > bestArea)
                    (best, bestArea) = (i, area);
            }
            kept[bucket + 1] = previous = best;
        }
        kept[^1] = count - 1;
        return kept;
    }
}
