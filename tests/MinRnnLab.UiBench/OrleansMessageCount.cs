using System.Diagnostics.Metrics;

namespace MinRnnLab.UiBench;

/// <summary>
/// Orleans messages this process sends (grain calls, their responses and one-way kin), from Orleans' own histogram
/// of sent message sizes: one measurement per message. The web client and the benchmark's own client share the
/// process, so a tab's cost is the difference between a window with the tabs open and one without.
/// </summary>
public sealed class OrleansMessageCount : IDisposable
{
    public const string Instrument = "orleans-messaging-sent-messages-size";

    private readonly MeterListener listener = new();
    private long messages;

    public OrleansMessageCount()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && instrument.Name == Instrument)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref messages));
        listener.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref messages));
        listener.Start();
    }

    public long Sent => Interlocked.Read(ref messages);

    public void Dispose() => listener.Dispose();
}
