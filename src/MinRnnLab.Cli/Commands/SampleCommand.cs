using MinRnnLab.Config;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Training.Runs;
using MinRnnLab.Training.Sampling;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn sample --checkpoint DIR|RUN [--latest] [--prompt TEXT] [--tokens N] [--temperature T] [--top_k K] [--seed S]`:
/// from the best checkpoint beside the one named (the paper's number is the best loss), or with --latest the latest.
/// </summary>
public static class SampleCommand
{
    public static int Run(ParsedArgs args, TextWriter errors, CancellationToken cancel)
    {
        var path = args.Get("checkpoint") ?? throw new UsageException("sample needs --checkpoint (a checkpoint folder or a run folder)");
        // A run folder is accepted too (a `train` run's, or a platform run's under artifacts/runs): its checkpoint lives in a fixed subfolder.
        var runCheckpoint = new RunFolder(path).CheckpointFolder;
        var named = Directory.Exists(runCheckpoint) ? runCheckpoint : path;
        // Runs saved before the best checkpoint was kept have only the latest one, which is read instead.
        var folder = BestCheckpoint.Choose(named, preferBest: !args.Flag("latest"));
        var topK = args.GetInt("top_k", 200);
        var tokens = args.GetInt("tokens", 500);
        if (tokens is < 0 or > TrainConfig.MaxSampleChars)                              // checked before the checkpoint is read
            throw new UsageException($"--tokens {tokens}: expected 0 to {TrainConfig.MaxSampleChars:N0}");
        var sampler = TextSampler.FromCheckpoint(folder);
        errors.WriteLine($"sampling {tokens:N0} characters from {folder}");                 // on stderr: stdout is the text alone
        var text = sampler.Sample(args.Get("prompt") ?? "\n", tokens, args.GetDouble("temperature", 0.8),
            topK > 0 ? topK : null, args.GetInt("seed", 1337), cancel);
        Console.WriteLine(text);
        return 0;
    }
}
