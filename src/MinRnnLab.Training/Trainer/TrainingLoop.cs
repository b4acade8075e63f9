using TorchSharp;
using TorchSharp.Modules;
using System.Diagnostics;
using MinRnnLab.Models;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Trainer;

/// <summary>
/// nanoGPT's training loop for any architecture: AdamW with warmup + cosine decay, gradient clipping,
/// periodic evaluation on both splits, best-loss tracking, checkpoints that resume bit for bit, and a checkpoint of
/// the best evaluation beside the latest one (BestCheckpoint).
/// Everything here that makes a tensor does it inside a dispose scope, so that no temporary is left to a finalizer
/// that may free it while libtorch still reads it (see ScopedBuild; TrainingLeavesNoTensorToAFinalizer checks).
/// </summary>
public sealed class TrainingLoop : IDisposable
{
    private readonly TrainConfig train;
    private readonly CharDataset data;
    private readonly ITrainingObserver observer;
    private readonly string? checkpointFolder;
    private readonly string? bestFolder;
    private readonly ICheckpointWriter checkpoints;
    private readonly Device device;
    private readonly OptimizerHelper optimizer;
    private readonly BatchSampler sampler;
    private int step;
    private int skipEvaluationAt = -1;
    private int checkpointedStep = -1;
    private int bestCheckpointStep = -1;
    private double bestValLoss = double.PositiveInfinity;
    private int bestStep = -1;

    public TrainingLoop(RunConfig config, CharDataset data, ITrainingObserver observer, string? checkpointFolder = null, ICheckpointWriter? checkpoints = null)
    {
        // The vocabulary is a property of the data, never of the user's config.
        Config = config with { Model = config.Model with { VocabSize = data.VocabSize } };
        Config.Validate();
        WorkerMemory.Require(Config, WorkerMemory.Bytes);                               // before any tensor: a size that cannot fit fails here, named
        ShapeLimits.RequireWindows(Config.Model.BlockSize, data.Train.shape[0], data.Validation.shape[0]);
        train = Config.Train;
        this.data = data;
        this.observer = observer;
        this.checkpointFolder = checkpointFolder;
        bestFolder = checkpointFolder is null ? null : BestCheckpoint.FolderBeside(checkpointFolder);
        this.checkpoints = checkpoints ?? DiskCheckpointWriter.Instance;
        GlibcAllocator.KeepFreedMemoryForReuse();
        device = Devices.Resolve(train.Device, train.Threads);
        using var scope = NewDisposeScope();                                            // the model, optimizer state and sampler leave it
        Model = ModelFactory.Create(Config.Model, train.Seed);
        Model.to(device);
        optimizer = OptimizerFactory.AdamW(Model, train);
        sampler = new BatchSampler(data.Train, train.BatchSize, Config.Model.BlockSize, BatchSampler.SeedState(train.Seed));
    }

    // Every evaluation so far, saved with each checkpoint (see CheckpointState.Evaluations).
    private readonly List<EvaluationRecord> evaluations = [];

    public RunConfig Config { get; }

    /// <summary>The evaluations made so far, including those restored from a checkpoint, in step order.</summary>
    public IReadOnlyList<EvaluationRecord> Evaluations => evaluations;
    public LanguageModel Model { get; }
    public int Step => step;

    /// <summary>
    /// Continues from the checkpoint in the folder, if one exists; returns whether it did. The evaluation at the
    /// checkpoint's step already happened before it was saved; <paramref name="reevaluate"/> repeats it (same
    /// numbers: evaluation batches are seeded by step) for callers that may not have recorded it, such as a
    /// platform whose previous worker died between saving and reporting.
    /// </summary>
    public bool TryResume(bool reevaluate = false)
    {
        if (checkpointFolder is not null)
        {
            CheckpointStore.RemoveOrphans(checkpointFolder);                            // a crash mid-save left them
            CheckpointStore.RemoveOrphans(bestFolder!);
        }
        if (checkpointFolder is null || CheckpointStore.Find(checkpointFolder) is null)
            return false;
        using var scope = NewDisposeScope();                                            // what loading makes on the way
        var state = CheckpointStore.ReadState(checkpointFolder);
        CheckpointStore.LoadModel(checkpointFolder, Model);
        CheckpointStore.LoadOptimizer(checkpointFolder, optimizer);
        (step, bestValLoss, bestStep, checkpointedStep) = (state.Step, state.BestValLoss, state.BestStep, state.Step);
        KeepTheBestCheckpoint();
        evaluations.Clear();
        evaluations.AddRange(state.Evaluations ?? []);
        skipEvaluationAt = reevaluate ? -1 : state.Step;
        sampler.State = state.SamplerState;
        if (state.DropoutMasksDrawn is long drawn && Model.DropoutSeeds is { } seeds)
            seeds.Drawn = drawn;
        else
        {
            // Saved before models had their own dropout seeds: the masks came from the shared generator.
            Model.DropoutSeeds = null;
            random.set_rng_state(tensor(state.TorchRngState));
        }
        return true;
    }

    /// <summary>
    /// Trains to max_iters. <paramref name="cancel"/> stops at the next step as is (the run may belong to someone
    /// else now: nothing is written); <paramref name="checkpointAndStop"/> first saves a checkpoint of the current
    /// step, so a silo that is shutting down hands the run on without losing work. Both throw OperationCanceledException.
    /// </summary>
    public TrainResult Run(CancellationToken cancel = default, CancellationToken checkpointAndStop = default)
    {
        var startStep = step;
        var elapsed = Stopwatch.StartNew();
        var stepWatch = new Stopwatch();
        var stepsSinceReport = 0;
        double trainingMs = 0, lastTrain = double.NaN, lastVal = double.NaN;
        Model.train();
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (checkpointAndStop.IsCancellationRequested)
            {
                if (step > checkpointedStep)
                    SaveCheckpoint();
                checkpointAndStop.ThrowIfCancellationRequested();
            }
            if ((step % train.EvalInterval == 0 || step == train.MaxIters) && step != skipEvaluationAt)
            {
                (lastTrain, lastVal) = Evaluate();
                if (bestStep == step)
                    SaveBestCheckpoint();
            }
            // checkpoint_interval 0: save whenever this step's evaluation improved the best val loss (and at the end).
            var checkpointDue = train.CheckpointInterval > 0 ? step % train.CheckpointInterval == 0 : bestStep == step;
            if (step > startStep && (checkpointDue || step == train.MaxIters))
                SaveCheckpoint();
            if (step >= train.MaxIters)
                break;

            var lr = LearningRateSchedule.At(step, train);
            stepWatch.Start();
            using (var scope = NewDisposeScope())
            {
                var loss = TakeStep(lr);
                stepsSinceReport++;
                if (step % train.LogInterval == 0 || step == train.MaxIters)
                {
                    var value = loss.item<float>();                                     // the one sync per interval
                    stepWatch.Stop();
                    if (!float.IsFinite(value))
                        throw new DivergedException(step, value);
                    var ms = stepWatch.Elapsed.TotalMilliseconds / stepsSinceReport;
                    trainingMs += stepWatch.Elapsed.TotalMilliseconds;
                    var tokensPerSecond = train.BatchSize * Config.Model.BlockSize / (ms / 1000.0);
                    observer.OnStep(new StepReport(step, train.MaxIters, value, lr, ms, tokensPerSecond, Devices.ResidentBytes(), lastGradNorm));
                    stepWatch.Reset();
                    stepsSinceReport = 0;
                }
            }
            stepWatch.Stop();
        }
        var steps = step - startStep;
        return new TrainResult(step, lastTrain, lastVal, bestValLoss, bestStep,
            steps > 0 ? trainingMs / steps : 0, elapsed.Elapsed);
    }

    /// <summary>
    /// Takes <paramref name="count"/> training steps with no evaluation or checkpoint in between and returns each
    /// one's wall time in ms, synchronised on its loss as a logged step would be. The steps really train the model.
    /// </summary>
    public double[] TimeSteps(int count)
    {
        Model.train();
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using (NewDisposeScope())
                TakeStep(LearningRateSchedule.At(step, train)).item<float>();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return times;
    }

    /// <summary>The gradient norm of the last step, before clipping; null with grad_clip 0 (not computed).</summary>
    private double? lastGradNorm;

    /// <summary>One optimizer step on the next training batch; returns the loss tensor (caller's scope).</summary>
    private Tensor TakeStep(double lr)
    {
        OptimizerFactory.SetLearningRate(optimizer, lr);
        var (x, y) = sampler.Next(device);
        var loss = LanguageModel.Loss(Model.forward(x), y);
        optimizer.zero_grad();
        using (NewDisposeScope())                                                       // the gradients custom passes return (BackwardTensors)
            loss.backward();
        // TorchSharp returns the total norm (before clipping) as a number, read on the host already: keeping it costs nothing.
        if (train.GradClip > 0)
            lastGradNorm = nn.utils.clip_grad_norm_(Model.parameters(), train.GradClip);
        optimizer.step();
        step++;
        return loss;
    }

    /// <summary>
    /// Mean loss per split: over eval_iters batches from a sampler seeded by the step, so that evaluation never disturbs
    /// the training batch sequence; with eval_mode full the validation loss is exact instead (FullSplitLoss).
    /// </summary>
    public (double Train, double Val) Evaluate()
    {
        var trainLoss = EstimateLoss(DataSplit.Train);
        var valLoss = EstimateLoss(DataSplit.Validation);
        if (!double.IsFinite(trainLoss) || !double.IsFinite(valLoss))
            throw new DivergedException(step, double.IsFinite(valLoss) ? trainLoss : valLoss);
        if (valLoss < bestValLoss)
            (bestValLoss, bestStep) = (valLoss, step);
        evaluations.RemoveAll(e => e.Step == step);                                     // a resumed run re-evaluates its checkpoint's step
        evaluations.Add(new EvaluationRecord(step, trainLoss, valLoss));
        observer.OnEvaluation(new EvaluationReport(step, trainLoss, valLoss, bestValLoss, bestStep));
        // Evaluation's activations (and a checkpoint's buffers) are freed to glibc, which keeps the pages in its
        // arenas; handing them back keeps RSS at the training steps' working set. A few ms, once per interval.
        GlibcAllocator.Trim();
        return (trainLoss, valLoss);
    }

    private double EstimateLoss(DataSplit split)
    {
        using var _ = no_grad();
        using var outer = NewDisposeScope();                                            // the eval sampler is made in one too
        Model.eval();
        var loss = split == DataSplit.Validation && train.EvalMode == EvalMode.Full
            ? FullSplitLoss.Mean(Model, data.Validation, Config.Model.BlockSize, train.BatchSize, device)
            : RandomBatchLoss.Mean(Model, data.Split(split), Config.Model.BlockSize, train.BatchSize, train.EvalIters,
                BatchSampler.SeedState(train.Seed, stream: 1 + 2L * step + (long)split), device);
        Model.train();
        return loss;
    }

    private void SaveCheckpoint()
    {
        if (checkpointFolder is null)
            return;
        Save(checkpointFolder);
        checkpointedStep = step;
        observer.OnCheckpoint(new CheckpointReport(step, checkpointFolder));
    }

    /// <summary>
    /// Saves this step, whose evaluation is the best so far, as the best checkpoint. Not at step 0: an untrained model
    /// is nobody's best result, and a run whose loss never fell below it has only its latest checkpoint to read.
    /// </summary>
    private void SaveBestCheckpoint()
    {
        if (bestFolder is null || step == 0 || step == bestCheckpointStep)
            return;
        Save(bestFolder);
        bestCheckpointStep = step;
        observer.OnBestCheckpoint(new CheckpointReport(step, bestFolder));
    }

    /// <summary>
    /// On a resume: the best checkpoint on disk stays the bar to beat. It may be newer than the latest checkpoint (the
    /// process died after saving the best and before the next latest); its evaluation still happened and was reported,
    /// so a worse one after the resume must not replace it. A damaged best checkpoint is not the resume's concern: the
    /// latest one alone decides how training continues, and the next improvement writes a new best.
    /// </summary>
    private void KeepTheBestCheckpoint()
    {
        try
        {
            if (CheckpointStore.Find(bestFolder!) is null)
                return;
            var best = CheckpointStore.ReadState(bestFolder!);
            bestCheckpointStep = best.Step;
            if (best.BestValLoss < bestValLoss)
                (bestValLoss, bestStep) = (best.BestValLoss, best.BestStep);
        }
        catch (InvalidDataException)
        {
            bestCheckpointStep = -1;
        }
    }

    private void Save(string folder)
    {
        using var scope = NewDisposeScope();                                            // what saving makes on the way
        var rng = random.get_rng_state();
        var state = new CheckpointState(step, bestValLoss, bestStep, sampler.State, rng.data<byte>().ToArray(),
            ConfigJson.Serialize(Config), new string(data.Vocabulary.ToArray()), [.. evaluations], Model.DropoutSeeds?.Drawn);
        checkpoints.Save(folder, Model, optimizer, state);
        GlibcAllocator.Trim();                                                          // the serialisation buffers
    }

    public void Dispose()
    {
        sampler.Dispose();
        optimizer.Dispose();
        Model.Dispose();
    }
}
