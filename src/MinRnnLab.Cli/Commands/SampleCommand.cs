using MinRnnLab.Training.Runs;
using MinRnnLab.Training.Sampling;

namespace MinRnnLab.Cli.Commands;

/// <summary>`minrnn sample --checkpoint DIR|RUN [--prompt TEXT] [--tokens N] [--temperature T] [--top_k K] [--seed S]`</summary>
public static class SampleCommand
{
    public static int Run(ParsedArgs args)
    {
        var path = args.Get("checkpoint") ?? throw new UsageException("sample needs --checkpoint (a checkpoint folder or a run folder)");
        // A run folder is accepted too: its checkpoint lives in a fixed subfolder.
        var runCheckpoint = new RunFolder(path).CheckpointFolder;
        var folder = Directory.Exists(runCheckpoint) ? runCheckpoint : path;
        var topK = args.GetInt("top_k", 200);
        var sampler = TextSampler.FromCheckpoint(folder);
        var text = sampler.Sample(args.Get("prompt") ?? "\n", args.GetInt("tokens", 500), args.GetDouble("temperature", 0.8),
            topK > 0 ? topK : null, args.GetInt("seed", 1337));
        Console.WriteLine(text);
        return 0;
    }
}
