using MinRnnLab.Config;
using MinRnnLab.Grains;

namespace MinRnnLab.Worker;

/// <summary>
/// How a silo's device worker trains: its slots, its executor and the trial processes it starts. Part of section
/// "Lab": the host's LabOptions extends it, so these keep their names there (Lab:Devices, Lab:Executor, ...).
/// </summary>
public class WorkerOptions : GrainOptions
{
    /// <summary>Folder for SQLite files and (by default) artifacts; "data" under the working folder.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Corpus file; empty means MINRNN_DATA, then DataFolder/tinyshakespeare.txt, then download.</summary>
    public string? CorpusPath { get; set; }

    /// <summary>
    /// Device slots of this silo: "cpu" (one CPU run at a time each) or "cuda:N". Empty means one "cpu" slot;
    /// the default is an empty list because configuration binding appends to a list rather than replacing it.
    /// </summary>
    public List<string> Devices { get; set; } = [];

    /// <summary>The slots this silo really runs: <see cref="Devices"/>, or one CPU slot when none are configured.</summary>
    public IReadOnlyList<DeviceSlot> Slots => (Devices.Count == 0 ? ["cpu"] : Devices).Select(DeviceSlot.Parse).ToArray();

    /// <summary>libtorch intra-op threads for CPU slots (process-wide); 0 leaves libtorch's default.</summary>
    public int CpuThreads { get; set; }

    /// <summary>How often an idle slot asks the queue for work.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// "process" trains each trial in a process of its own (the default: a crash or an out-of-memory kill ends that
    /// trial alone); "torch" trains in the silo's process (tests); "noop" finishes runs at once (orchestration benchmarks); "paced" sleeps PacedStepTime per step (cluster benchmarks).
    /// </summary>
    public ExecutorKind Executor { get; set; } = ExecutorKind.Process;

    /// <summary>How long each step of executor "paced" takes (it sleeps): sets how long a simulated trial holds its slot.</summary>
    public TimeSpan PacedStepTime { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The minrnn.dll whose `trial` command trains each trial (executor "process"); empty means the one beside this app.</summary>
    public string? TrialProgram { get; set; }

    /// <summary>How long a cancelled or pruned trial, or one whose lease was lost, may take to stop before it is killed.</summary>
    public TimeSpan TrialStopGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a trial may take to checkpoint and stop when its silo shuts down (a step and a checkpoint of a paper-size
    /// model take about 10 s on 2 cores, and several times that at nice 19 on a busy machine) before it is killed. The
    /// silo's host waits this long and a little more for its services to stop (AddMinRnnLab sets HostOptions).
    /// </summary>
    public TimeSpan TrialShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Refuses settings the worker cannot start with: a bad device, a thread count out of range, no minrnn.dll.</summary>
    public override void Validate()
    {
        base.Validate();
        for (var i = 0; i < Devices.Count; i++)
        {
            try
            {
                DeviceSlot.Parse(Devices[i]);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Lab:Devices:{i}: {e.Message}", e);
            }
        }
        if (CpuThreads is < 0 or > TrainConfig.MaxThreads)
            throw new ArgumentException($"Lab:CpuThreads (--threads) = {CpuThreads} is invalid: expected 0 (libtorch's default) to {TrainConfig.MaxThreads}");
        if (Executor == ExecutorKind.Process)
            Trials.TrialProgram.Locate(this);                                          // at start, not at the first trial
    }
}
