namespace MinRnnLab.Worker.Tests;

public class BackoffTests
{
    [Fact]
    public void TheDelayDoublesFromTheFirstUpToTheCapAndStaysThere()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalMilliseconds).ToArray();

        Assert.Equal([200, 400, 800, 1000, 1000, 1000], delays);
    }
}
