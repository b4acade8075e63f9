namespace MinRnnLab.Grains;

/// <summary>
/// The settings the grains read: the lease they keep time by and how much live news may wait. The worker's and the
/// host's options extend it, so one "Lab" section binds them all and each layer reads only its own part (see
/// MinRnnLab.Hosting's LabOptions).
/// </summary>
public class GrainOptions
{
    /// <summary>A lease not renewed for this long is considered dead and its run re-queued.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Heartbeats renew the lease three times per lease duration, so one lost beat is not fatal.</summary>
    public TimeSpan HeartbeatInterval => LeaseDuration / 3;

    /// <summary>
    /// Live updates waiting for delivery at most (one per busy run and stream; later ones merge into it): past it the
    /// oldest is dropped and counted. Subscribers catch up from the stores, so this bounds memory, not what is kept.
    /// </summary>
    public int LiveFeedCapacity { get; set; } = 16_384;

    /// <summary>Refuses settings the grains cannot work with, naming the setting.</summary>
    public virtual void Validate()
    {
        if (LeaseDuration <= TimeSpan.Zero)
            throw new ArgumentException($"Lab:LeaseDuration must be positive, not {LeaseDuration}");
        if (LiveFeedCapacity < 1)
            throw new ArgumentException($"Lab:LiveFeedCapacity must be at least 1, not {LiveFeedCapacity}");
    }
}
