namespace MinRnnLab.Abstractions;

/// <summary>
/// The files a run leaves in the artifacts folder (its checkpoint and its log) and text generated from that
/// checkpoint, answered on a silo that holds the folder: a client on another machine (the web UI in client mode,
/// any .NET program) needs no mount. Stateless: every silo holds the artifacts folder (shared in a cluster), so the
/// silo that receives the call answers it, and several calls run side by side.
/// </summary>
public interface IArtifactGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The run's checkpoints on disk: its latest and, once an evaluation after step 0 was its best, its best
    /// (<see cref="CheckpointInfo.Kind"/> says which; the best is never newer than the latest's step unless a crash
    /// fell between the two saves). Empty when it has none yet, null when there is no such run.
    /// </summary>
    Task<CheckpointInfo[]?> ListCheckpoints(string runId);

    /// <summary>
    /// The prompt followed by <see cref="SampleRequest.Length"/> characters generated from the run's best checkpoint
    /// (or its latest, as <see cref="SampleRequest.Checkpoint"/> asks; a run stored before best checkpoints were kept
    /// has only its latest, which is used); null when there is no such run. Throws ArgumentException for a request out of bounds (see
    /// <see cref="SampleRequest"/>) or a prompt character the model never saw, and InvalidOperationException when
    /// the run has no checkpoint yet. Loading a model on a busy machine can take longer than the default 30 s
    /// response timeout, and samples wait for each other on a silo.
    /// </summary>
    [ResponseTimeout("00:02:00")]
    Task<string?> Sample(string runId, SampleRequest request);

    /// <summary>
    /// The last <paramref name="lines"/> lines (1 to 5,000) of the run's log;
    /// empty when it has none yet, null when there is no such run.
    /// </summary>
    Task<string[]?> ReadLogTail(string runId, int lines);
}

/// <summary>Which of a run's two checkpoints: where it resumes, or its best evaluation's.</summary>
[GenerateSerializer, Alias("MinRnnLab.CheckpointKind")]
public enum CheckpointKind
{
    /// <summary>The last one saved: where the run resumes. First, so a message from before the kinds existed reads as this.</summary>
    Latest,
    /// <summary>Taken at the evaluation with the lowest validation loss so far: what the run's best loss was measured on.</summary>
    Best,
}

/// <summary>What a checkpoint on disk is, without loading it: for people choosing whether to sample or resume.</summary>
/// <param name="Step">Optimizer steps completed when it was saved.</param>
/// <param name="WrittenAt">When its state file was written (UTC).</param>
/// <param name="Bytes">Model, optimizer state and state file together.</param>
/// <param name="Kind">The run's latest checkpoint or its best.</param>
[GenerateSerializer, Immutable, Alias("MinRnnLab.CheckpointInfo")]
public sealed record CheckpointInfo(
    [property: Id(0)] int Step,
    [property: Id(1)] DateTimeOffset WrittenAt,
    [property: Id(2)] long Bytes,
    [property: Id(3)] CheckpointKind Kind = CheckpointKind.Latest);

/// <summary>
/// What to generate: <paramref name="Length"/> characters (1 to <see cref="MaxLength"/>) after a prompt of at most
/// <see cref="MaxPromptLength"/> characters, at a temperature in (0, <see cref="MaxTemperature"/>], from the
/// <paramref name="TopK"/> likeliest characters (0: all of them), reproducibly for one <paramref name="Seed"/>, with
/// the run's best checkpoint unless <paramref name="Checkpoint"/> asks for the latest.
/// </summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.SampleRequest")]
public sealed record SampleRequest(
    [property: Id(0)] string Prompt,
    [property: Id(1)] int Length = 300,
    [property: Id(2)] double Temperature = 0.8,
    [property: Id(3)] int TopK = 50,
    [property: Id(4)] long Seed = 1337,
    [property: Id(5)] CheckpointKind Checkpoint = CheckpointKind.Best)
{
    public const int MaxLength = 2000;
    public const int MaxPromptLength = 1000;
    public const double MaxTemperature = 10.0;

    /// <summary>What is wrong with the request, in words, or null when it is within bounds.</summary>
    public string? Problem() =>
        Prompt is null ? "the prompt is missing"
        : Prompt.Length > MaxPromptLength ? $"the prompt has {Prompt.Length} characters; at most {MaxPromptLength} are allowed"
        : Length is < 1 or > MaxLength ? $"length {Length} is not between 1 and {MaxLength} characters"
        : !(Temperature > 0 && Temperature <= MaxTemperature) ? $"temperature {Temperature} is not above 0 and at most {MaxTemperature}"
        : TopK < 0 ? $"top-k {TopK} is negative (0 means all characters)"
        : null;
}
