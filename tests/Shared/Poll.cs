namespace MinRnnLab.Tests.Shared;

/// <summary>
/// Polling until a condition holds, with a generous deadline (the test machines are shared and loaded) whose
/// timeout names the last value seen. Never a timed assertion: only the wait has a bound.
/// </summary>
public static class Poll
{
    /// <summary>Reads until <paramref name="done"/>; a failing read fails the test at once.</summary>
    public static Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 240, int pollMs = 100) =>
        Run(read, done, seconds, pollMs, retryFailures: false);

    /// <summary>
    /// Reads until <paramref name="done"/>, asking again after a failing read until the deadline: for a cluster
    /// failing over, or a server still starting, where an answer comes once it is back.
    /// </summary>
    public static Task<T> UntilThroughFailures<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 240, int pollMs = 100) =>
        Run(read, done, seconds, pollMs, retryFailures: true);

    private static async Task<T> Run<T>(Func<Task<T>> read, Func<T, bool> done, int seconds, int pollMs, bool retryFailures)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            T value;
            try
            {
                value = await read();
            }
            catch (Exception) when (retryFailures && DateTime.UtcNow < deadline)
            {
                await Task.Delay(pollMs);
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
