namespace MinRnnLab.Web.Services.Curves;

/// <summary>What a loss chart's x axis counts.</summary>
public enum CurveX
{
    /// <summary>Optimizer steps.</summary>
    Step,

    /// <summary>Training tokens seen: step × batch_size × block_size.</summary>
    Tokens,

    /// <summary>Seconds of training, earlier attempts included (the run's wall_seconds metric).</summary>
    WallTime,
}

/// <summary>
/// How a reader has set a loss chart: smoothing weight (0 = raw), log or linear y, the x axis, and the y range
/// (<paramref name="YMin"/>, <paramref name="YMax"/>: null for that end from the data).
/// </summary>
public sealed record CurveView(double Smoothing = 0, bool LogY = true, CurveX X = CurveX.Step, double? YMin = null, double? YMax = null)
{
    public string XTitle => X switch
    {
        CurveX.Tokens => "tokens seen",
        CurveX.WallTime => "training time (s)",
        _ => "step",
    };

    public string YTitle => LogY ? "loss (log)" : "loss";

    /// <summary>Why this y range cannot be drawn (an end at or below 0 on a log axis, min not below max), or null.</summary>
    public string? YRangeProblem =>
        LogY && (YMin <= 0 || YMax <= 0) ? "a log axis starts above 0: give y min and max above 0, or switch to linear y"
        : YMin >= YMax ? $"y min ({YMin}) must be below y max ({YMax})"
        : null;
}
