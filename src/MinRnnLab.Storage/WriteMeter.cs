namespace MinRnnLab.Storage;

/// <summary>
/// Counts the payload bytes (UTF-8) that grain state and trial rows write, so `minrnn bench orchestration` can show
/// what a trial costs the control plane's storage. Shared by the stores of one silo; thread-safe.
/// </summary>
public sealed class WriteMeter
{
    private long bytes;
    private long writes;

    public long Bytes => Interlocked.Read(ref bytes);
    public long Writes => Interlocked.Read(ref writes);

    public void Add(string payload)
    {
        Interlocked.Add(ref bytes, System.Text.Encoding.UTF8.GetByteCount(payload));
        Interlocked.Increment(ref writes);
    }
}
