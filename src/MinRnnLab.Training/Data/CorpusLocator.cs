namespace MinRnnLab.Training.Data;

/// <summary>
/// Finds the corpus, in order: an explicit path, the MINRNN_DATA environment variable, the project's data
/// folder; and if none has it, downloads it (checksum-verified) into the data folder.
/// </summary>
public sealed class CorpusLocator(string dataFolder, Func<string, string?> environment, CorpusDownloader downloader, Uri? source = null)
{
    public static CorpusLocator Default(string dataFolder) =>
        new(dataFolder, Environment.GetEnvironmentVariable, new CorpusDownloader(new HttpClient { Timeout = TimeSpan.FromMinutes(2) }));

    public async Task<string> LocateAsync(string? explicitPath, CancellationToken cancel = default)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return ExistingFile(explicitPath, "data_path");
        if (environment(Corpus.EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            return ExistingFile(fromEnvironment, Corpus.EnvironmentVariable);
        var local = Path.Combine(dataFolder, Corpus.FileName);
        if (File.Exists(local))
            return local;
        await downloader.DownloadAsync(source ?? new Uri(Corpus.CanonicalUrl), local, Corpus.Sha256, cancel);
        return local;
    }

    private static string ExistingFile(string path, string origin)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, Corpus.FileName) : path;
        return File.Exists(file) ? file : throw new CorpusException($"corpus not found at {file} (from {origin})");
    }
}
