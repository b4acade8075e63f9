using System.CommandLine;
using System.Globalization;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Config;
using MinRnnLab.Training;
using MinRnnLab.Training.Benchmarks;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Evaluation;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn eval --checkpoint DIR|RUN [--latest] [--block_sizes N,N] [--draws K] [--eval_iters B] [--threads T]
/// [--data_path FILE] [--out DIR]`: a checkpoint's validation loss measured again: exactly over the whole split (at
/// its context, or at others), and as K random-batch estimates of B batches each, nanoGPT's way, with their spread.
/// </summary>
public static class EvalCommand
{
    private static readonly Option<string> Checkpoint = ChosenCheckpoint.PathOption();
    private static readonly Option<bool> Latest = ChosenCheckpoint.LatestOption();
    private static readonly Option<IReadOnlyList<int>> BlockSizes = Declare.PositiveList("--block_sizes",
        "contexts for the exact loss [default: the one it trained with]; a transformer's at most its own");
    private static readonly Option<int> Draws = Declare.Count("--draws", "random-batch estimates to make, each from other batches", 0, minimum: 0, helpName: "K");
    private static readonly Option<int> EvalIters = Declare.Count("--eval_iters", "batches per random-batch estimate (nanoGPT's eval_iters)", 200, helpName: "B");
    private static readonly Option<int> Threads = Declare.Count("--threads", "libtorch threads; 0: libtorch's default", 0, minimum: 0, helpName: "T");
    private static readonly Option<string> DataPath = Declare.Text("--data_path", "FILE", "the corpus [default: the one in the checkpoint's config]");
    private static readonly Option<string> Out = Declare.Text("--out", "DIR", "also write DIR/eval.{json,csv,md}");

    public static Command Create()
    {
        var command = new Command("eval", "a checkpoint's validation loss again: exact over the split (at any context) and as random-batch estimates")
        {
            Checkpoint, Latest, BlockSizes, Draws, EvalIters, Threads, DataPath, Out,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        var folder = ChosenCheckpoint.Folder(parse.GetValue(Checkpoint)!, parse.GetValue(Latest));
        var config = ConfigJson.Deserialize(CheckpointStore.ReadState(folder).ConfigJson);
        var corpus = await CorpusLocator.Default("data").LocateAsync(parse.GetValue(DataPath) ?? config.Train.DataPath, cancel);
        using var data = CharDataset.Load(corpus);
        Devices.Resolve("cpu", parse.GetValue(Threads));
        var output = parse.InvocationConfiguration.Output;
        output.WriteLine($"evaluating {folder}");
        var losses = CheckpointEvaluation.Measure(folder, data, parse.GetValue(BlockSizes) ?? [], parse.GetValue(Draws), parse.GetValue(EvalIters), cancel);
        foreach (var loss in losses)
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} step {1}, context {2}: {3} val loss {4:F4}", loss.Arch, loss.Step,
                loss.BlockSize, loss.Mode == "full" ? "exact" : $"random draw {loss.Draw} ({loss.Batches} batches)", loss.ValLoss));
        var random = losses.Where(l => l.Mode == "random").Select(l => l.ValLoss).ToArray();
        if (random.Length > 1)
        {
            var mean = random.Average();
            var std = Math.Sqrt(random.Sum(v => (v - mean) * (v - mean)) / (random.Length - 1));
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "random estimates: mean {0:F4}, std {1:F4}, min {2:F4}, max {3:F4} over {4} draws",
                mean, std, random.Min(), random.Max(), random.Length));
        }
        if (parse.GetValue(Out) is { } outDir)
            output.WriteLine($"wrote {string.Join(", ", BenchmarkFiles.Write(outDir, "eval", losses))}");
        return 0;
    }
}
