namespace MinRnnLab.Cli.Benchmarks.Cluster;

/// <summary>Reads through a cluster whose silos are killed: a call that reached a dead gateway is made again.</summary>
public static class GrainCalls
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    public static async Task<T> Retried<T>(Func<Task<T>> call, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is not OperationCanceledException && DateTime.UtcNow < deadline)
            {
                // ConnectionFailedException, SiloUnavailableException, timeouts: the client moves to a live gateway.
                await Task.Delay(500, cancel);
            }
        }
    }
}
