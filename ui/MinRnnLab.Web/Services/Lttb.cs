namespace MinRnnLab.Web.Services;

/// <summary>
/// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the first and last points and, per
/// bucket, the point that forms the largest triangle with its neighbours, so peaks and the curve's shape
/// survive while the browser gets at most a few hundred points per trace.
/// </summary>
public static class Lttb
{
    public static IReadOnlyList<(double X, double Y)> Thin(IReadOnlyList<(double X, double Y)> points, int threshold)
    {
        if (threshold < 3 || points.Count <= threshold)
            return points;
        var result = new List<(double X, double Y)>(threshold) { points[0] };
        var bucketSize = (double)(points.Count - 2) / (threshold - 2);
        var previous = 0;
        for (var bucket = 0; bucket < threshold - 2; bucket++)
        {
            // 1. The average of the next bucket is the triangle's third corner.
            var nextStart = (int)Math.Floor((bucket + 1) * bucketSize) + 1;
            var nextEnd = Math.Min((int)Math.Floor((bucket + 2) * bucketSize) + 1, points.Count);
            double avgX = 0, avgY = 0;
            for (var i = nextStart; i < nextEnd; i++)
                (avgX, avgY) = (avgX + points[i].X, avgY + points[i].Y);
            var n = Math.Max(1, nextEnd - nextStart);
            (avgX, avgY) = (avgX / n, avgY / n);

            // 2. In this bucket, keep the point with the largest triangle (previous kept point, it, the average).
            var start = (int)Math.Floor(bucket * bucketSize) + 1;
            var end = (int)Math.Floor((bucket + 1) * bucketSize) + 1;
            var (a, best, bestArea) = (points[previous], start, -1.0);
            for (var i = start; i < end; i++)
            {
                var area = Math.Abs((a.X - avgX) * (points[i].Y - a.Y) - (a.X - points[i].X) * (avgY - a.Y));
                if (area > bestArea)
                    (best, bestArea) = (i, area);
            }
            result.Add(points[best]);
            previous = best;
        }
        result.Add(points[^1]);
        return result;
    }
}
