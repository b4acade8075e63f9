namespace MinRnnLab.Cli;

/// <summary>The command line's usage text, whole or for one command.</summary>
public static class Usage
{
    public const string Text = """
        usage: minrnn <command> [options]          (any command with --help: its usage; nothing starts)
          train        [--preset NAME] [--config FILE] [--resume] [--key value ...]   train a model
          sample       --checkpoint DIR [--latest] [--prompt TEXT] [--tokens N]       text from the best checkpoint
                       [--temperature T] [--top_k K] [--seed S]                       (--latest: the latest one)
          bench train  [--preset NAME] [--arch A,B,...] [--iters N] [--rounds R]       ms/iter and MFU; several archs take
                       [--warmup N] [--out DIR] [--key value ...]                     turns, each compared with the first
          bench scan   [--hidden H] [--batch B] [--lengths 64,512,...] [--reps N] [--warmup N]
                       [--threads N] [--budget SECONDS] [--data DIR] [--out DIR]      Figure 1: time and memory per model and T,
                                                                                      each run kept in <data>/benchmarks for the web UI
          bench memory [--preset NAME] [--at 100,2000] [--key value ...]                RSS, heap, tensors at given steps
          bench soak   [--minutes N] [--workers W] [--threads T] [--seed S]            runs, cancels, resumes and forced GCs at
                                                                                      once, to find native crashes (scripts/soak.sh)
          bench trial  [--preset NAME] [--rounds R] [--threads N] [--out DIR]         a trial process's start and step time
                       [--key value ...]                                             against training in the silo's process
          sweep validate FILE                                                         check a sweep file, list its trials
          sweep submit FILE [--watch]                                                 submit (embedded platform if none is running)
          sweep list | status ID | watch ID | cancel ID | pause ID | resume ID        manage sweeps
          sweep report ID [ID ...] [--out DIR] [--second_target LOSS]                 one report over the ids: seeds, curves
          sweep logs RUN_ID [--lines N] [--data DIR]                                  the last lines of a run's log
          serve        [--data DIR] [--devices cpu,cuda:0] [--threads N]              run the platform headless until Ctrl+C
          bench orchestration [--trials N] [--parallel N] [--storage sqlite|postgres --pg CONN]  queue/lease/grain overhead, no-op trainer
                       [--early_terminate median|asha]                                  judge every evaluation; state bytes per trial
          cluster      [--pg CONNECTION]                                              silos, their devices, what each trains, queue depth
          keys                                                                        config keys and presets
        """;

    /// <summary>True when the command line asks for help: `--help` or `-h` anywhere, or `help` first.</summary>
    public static bool IsRequested(ParsedArgs args) =>
        args.Get("help") is not null || args.Positional.Contains("-h") || args.Positional is ["help", ..];

    /// <summary>
    /// The usage lines of the command named by <paramref name="words"/> (e.g. "sweep status" or "bench"), under the
    /// header; the whole text when no line names it.
    /// </summary>
    public static string For(IReadOnlyList<string> words)
    {
        var lines = Text.TrimEnd('\n').Split('\n');
        var command = words.Where(w => w is not ("-h" or "help")).ToList();
        for (var length = Math.Min(command.Count, 2); length > 0; length--)
        {
            var prefix = string.Join(' ', command.Take(length));
            var matching = new List<string>();
            for (var i = 1; i < lines.Length; i++)
            {
                if (!Commands(lines[i]).Any(c => c == prefix || c.StartsWith(prefix + " ", StringComparison.Ordinal)))
                    continue;
                matching.Add(lines[i]);
                for (var next = i + 1; next < lines.Length && Commands(lines[next]).Count == 0; next++)
                    matching.Add(lines[next]);                                          // the option lines that continue it
            }
            if (matching.Count > 0)
                return string.Join('\n', [lines[0], .. matching]);
        }
        return Text;
    }

    /// <summary>
    /// The commands a usage line names: "  sweep list | status ID  manage sweeps" names "sweep list" and
    /// "sweep status ID"; a continuation line (options only) names none.
    /// </summary>
    private static List<string> Commands(string line)
    {
        var syntax = line.Trim().Split("  ")[0];
        if (syntax.Length == 0 || syntax.StartsWith('['))
            return [];
        var alternatives = syntax.Split('|', StringSplitOptions.TrimEntries);
        var group = alternatives[0].Split(' ')[0];
        return [alternatives[0], .. alternatives.Skip(1).Select(a => $"{group} {a}")];
    }
}
