using System.Text.Json;
using System.Text.Json.Serialization;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Worker.Trials;

// The pipe between a device worker and the trial process it supervises, one JSON object a line:
//   worker → trial, stdin:  a TrialRequest, then one TrialCommands word a line.
//   trial → worker, stdout: TrialEvents. The trial's stderr is its log for people; its run.log it writes itself.
// Signals carry what words cannot: SIGTERM asks the trial to checkpoint and stop (a silo shutting down, or systemd
// stopping the whole group), SIGKILL ends one that did not stop within its grace period.

/// <summary>Everything a trial process needs to train one attempt: the <see cref="RunContext"/> less its reporter and tokens.</summary>
/// <param name="LogFile">The run's run.log, which the trial appends to as training in the silo's process would.</param>
/// <param name="Threads">libtorch intra-op threads (Lab:CpuThreads); 0 leaves libtorch's default.</param>
/// <param name="DataFolder">The silo's data folder: where the corpus is looked for, as the silo would.</param>
/// <param name="CorpusPath">Lab:CorpusPath, when set.</param>
public sealed record TrialRequest(
    RunSpec Spec, int Attempt, string Worker, string Device, string CheckpointFolder, string LogFile,
    int ReportedStep, double EarlierSeconds, int Threads, string DataFolder, string? CorpusPath);

/// <summary>What the trial tells its worker; each maps to one <see cref="IRunReporter"/> call, or ends the attempt.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(ProgressEvent), "progress")]
[JsonDerivedType(typeof(CheckpointEvent), "checkpoint")]
[JsonDerivedType(typeof(ResumedEvent), "resumed")]
[JsonDerivedType(typeof(WaitingEvent), "waiting")]
[JsonDerivedType(typeof(UsageEvent), "usage")]
[JsonDerivedType(typeof(FinishedEvent), "finished")]
public abstract record TrialEvent;

/// <summary>An evaluation's metrics. The trial waits for an answer (<see cref="TrialCommands.Continue"/> or Stop) before it trains on.</summary>
public sealed record ProgressEvent(int Step, int MaxIters, MetricPoint[] Points) : TrialEvent;

public sealed record CheckpointEvent(int Step) : TrialEvent;

public sealed record ResumedEvent(int Step, StepReached? ReachedBefore) : TrialEvent;

/// <summary>Paused by its storage for <paramref name="Reason"/>; null when it resumed.</summary>
public sealed record WaitingEvent(string? Reason) : TrialEvent;

/// <summary>The trial's own measure of itself, sent just before <see cref="FinishedEvent"/>: exact where the worker's sampling is not.</summary>
public sealed record UsageEvent(AttemptUsage Usage) : TrialEvent;

/// <summary>
/// The last event: how the attempt ended, or a null <paramref name="Outcome"/> when it stopped unfinished (told to
/// stop, or checkpointed on SIGTERM).
/// </summary>
public sealed record FinishedEvent(RunOutcome? Outcome) : TrialEvent;

/// <summary>The words a worker writes to its trial's stdin after the request.</summary>
public static class TrialCommands
{
    /// <summary>The answer to a <see cref="ProgressEvent"/>: train on. It comes late while the run's metrics store refuses batches.</summary>
    public const string Continue = "continue";

    /// <summary>Stop now, writing no checkpoint: the run was cancelled or pruned, or the lease passed to another worker.</summary>
    public const string Stop = "stop";
}

/// <summary>The one JSON shape of both directions of the pipe.</summary>
public static class TrialJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // A diverged loss is NaN or infinite, and must cross the pipe as it is.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>One line of the pipe. An event is written as a <see cref="TrialEvent"/>, so that it carries its kind.</summary>
    public static string Line(TrialEvent message) => JsonSerializer.Serialize(message, Options);

    public static string Line(TrialRequest request) => JsonSerializer.Serialize(request, Options);

    public static TrialEvent ReadEvent(string line) =>
        JsonSerializer.Deserialize<TrialEvent>(line, Options) ?? throw new InvalidDataException($"not a trial event: {line}");

    public static TrialRequest ReadRequest(string line) =>
        JsonSerializer.Deserialize<TrialRequest>(line, Options) ?? throw new InvalidDataException("the trial request is empty");
}
