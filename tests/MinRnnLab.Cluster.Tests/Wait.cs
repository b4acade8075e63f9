namespace MinRnnLab.Cluster.Tests;

/// <summary>Polling until a condition holds, with a deadline that names the last value seen.</summary>
public static class Wait
{
    public static async Task<T> For<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 240, int pollMs = 100)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            T value;
            try
            {
                value = await read();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(pollMs);                                               // the cluster is failing over: ask again
                continue;
            }
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"condition not met within {seconds} s; last value: {value}");
            await Task.Delay(pollMs);
        }
    }
}

/// <summary>The corpus beside the checkout (shared/data) or in MINRNN_DATA.</summary>
public static class TestCorpus
{
    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable(Training.Data.Corpus.EnvironmentVariable) is { Length: > 0 } env)
            return Directory.Exists(env) ? Path.Combine(env, "tinyshakespeare.txt") : env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "tinyshakespeare.txt");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("shared/data/tinyshakespeare.txt not found; set MINRNN_DATA");
    }
}
