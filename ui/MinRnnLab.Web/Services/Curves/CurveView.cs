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

/// <summary>How a reader has set a loss chart: smoothing weight (0 = raw), log or linear y, and the x axis.</summary>
public sealed record CurveView(double Smoothing = 0, bool LogY = true, CurveX X = CurveX.Step)
{
    public string XTitle => X switch
    {
        CurveX.Tokens => "tokens seen",
        CurveX.WallTime => "training time (s)",
        _ => "step",
    };

    public string YTitle => LogY ? "loss (log)" : "loss";
}
