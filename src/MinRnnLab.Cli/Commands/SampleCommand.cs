using System.CommandLine;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Config;
using MinRnnLab.Training.Sampling;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn sample --checkpoint DIR|RUN [--latest] [--prompt TEXT] [--tokens N] [--temperature T] [--top_k K] [--seed S]`:
/// from the best checkpoint beside the one named (the paper's number is the best loss), or with --latest the latest.
/// </summary>
public static class SampleCommand
{
    private static readonly Option<string> Checkpoint = ChosenCheckpoint.PathOption();
    private static readonly Option<bool> Latest = ChosenCheckpoint.LatestOption();
    private static readonly Option<string> Prompt = Declare.Text("--prompt", "TEXT", "the text to continue [default: a newline]");
    private static readonly Option<int> Tokens = Declare.Count("--tokens", "characters to generate", 500, minimum: 0, maximum: TrainConfig.MaxSampleChars);
    private static readonly Option<double> Temperature = Declare.Number("--temperature", "softmax temperature", 0.8, above: 0, helpName: "T");
    private static readonly Option<int> TopK = Declare.Count("--top_k", "sample among the K likeliest characters (0: all)", 200, minimum: 0, helpName: "K");
    private static readonly Option<int> Seed = Declare.Count("--seed", "the sampler's random seed", 1337, minimum: int.MinValue, helpName: "S");

    public static Command Create()
    {
        var command = new Command("sample", "generate text from a run's best checkpoint (or its latest)")
        {
            Checkpoint, Latest, Prompt, Tokens, Temperature, TopK, Seed,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse, cancel)));
        return command;
    }

    private static int Run(ParseResult parse, CancellationToken cancel)
    {
        var folder = ChosenCheckpoint.Folder(parse.GetValue(Checkpoint)!, parse.GetValue(Latest));
        var topK = parse.GetValue(TopK);
        var sampler = TextSampler.FromCheckpoint(folder);
        var tokens = parse.GetValue(Tokens);
        parse.InvocationConfiguration.Error.WriteLine($"sampling {tokens:N0} characters from {folder}");   // on stderr: stdout is the text alone
        var text = sampler.Sample(parse.GetValue(Prompt) ?? "\n", tokens, parse.GetValue(Temperature),
            topK > 0 ? topK : null, parse.GetValue(Seed), cancel);
        parse.InvocationConfiguration.Output.WriteLine(text);
        return 0;
    }
}
