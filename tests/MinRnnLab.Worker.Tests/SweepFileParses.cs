using System.Diagnostics.Metrics;

namespace MinRnnLab.Worker.Tests;

/// <summary>Counts the parses of one sweep file (by its name) in this process, from SweepParser's meter.</summary>
internal sealed class SweepFileParses : IDisposable
{
    private readonly MeterListener listener = new();
    private int count;

    public SweepFileParses(string fileName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "MinRnnLab.Sweeps" && instrument.Name == "minrnn.sweep_files.parsed")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "file" && Equals(tag.Value, fileName))
                    Interlocked.Add(ref count, (int)value);
        });
        listener.Start();
    }

    public int Count => Volatile.Read(ref count);

    public void Dispose() => listener.Dispose();
}
