namespace MinRnnLab.Grains;

/// <summary>
/// The lease settings the grains keep time by. The worker's and the host's options extend it, so one "Lab" section
/// binds them all and each layer reads only its own part (see MinRnnLab.Hosting's LabOptions).
/// </summary>
public class LeaseOptions
{
    /// <summary>A lease not renewed for this long is considered dead and its run re-queued.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Heartbeats renew the lease three times per lease duration, so one lost beat is not fatal.</summary>
    public TimeSpan HeartbeatInterval => LeaseDuration / 3;
}
