using System.Net;
using MinRnnLab.Tests.Shared;
using System.Security.Cryptography;
using System.Text;
using MinRnnLab.Training.Data;

namespace MinRnnLab.Training.Tests;

/// <summary>The downloader against a real HTTP server on loopback.</summary>
public sealed class CorpusDownloaderTests : IDisposable
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("First Citizen:\nBefore we proceed any further, hear me speak.\n");
    private static readonly string BodySha = Convert.ToHexStringLower(SHA256.HashData(Body));
    private readonly LoopbackServer server = new();
    private readonly string folder = TestData.TempFolder();
    private readonly CorpusDownloader downloader = new(new HttpClient());

    [Fact]
    public async Task KeepsAFileWhoseChecksumMatches()
    {
        server.Respond = ctx => Send(ctx, Body);
        var target = Path.Combine(folder, "corpus.txt");

        await downloader.DownloadAsync(server.Url, target, BodySha);

        Assert.Equal(Body, File.ReadAllBytes(target));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task ChecksumMismatchKeepsNothing()
    {
        server.Respond = ctx => Send(ctx, Encoding.UTF8.GetBytes("tampered"));
        var target = Path.Combine(folder, "corpus.txt");

        var error = await Assert.ThrowsAsync<CorpusException>(() => downloader.DownloadAsync(server.Url, target, BodySha));

        Assert.Contains("checksum mismatch", error.Message);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task TruncatedDownloadKeepsNothing()
    {
        server.Respond = ctx =>
        {
            ctx.Response.ContentLength64 = Body.Length;
            ctx.Response.OutputStream.Write(Body, 0, Body.Length / 2);
            ctx.Response.Abort();                                                       // connection drops mid-body
        };
        var target = Path.Combine(folder, "corpus.txt");

        var error = await Assert.ThrowsAsync<CorpusException>(() => downloader.DownloadAsync(server.Url, target, BodySha));

        Assert.Matches("cut off|truncated", error.Message);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task HttpErrorNamesTheStatus()
    {
        server.Respond = ctx => { ctx.Response.StatusCode = 404; ctx.Response.Close(); };
        var error = await Assert.ThrowsAsync<CorpusException>(() =>
            downloader.DownloadAsync(server.Url, Path.Combine(folder, "c.txt"), BodySha));
        Assert.Contains("404", error.Message);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task UnreachableHostSaysSoAndSuggestsALocalPath()
    {
        var closedPort = FreePort.Next();
        var error = await Assert.ThrowsAsync<CorpusException>(() =>
            downloader.DownloadAsync(new Uri($"http://127.0.0.1:{closedPort}/input.txt"), Path.Combine(folder, "c.txt"), BodySha));
        Assert.Contains("could not reach", error.Message);
        Assert.Contains("data_path", error.Message);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task LocatorPrefersExplicitPathThenEnvironmentThenFolderThenDownload()
    {
        server.Respond = ctx => Send(ctx, Body);
        var explicitFile = Path.Combine(folder, "explicit.txt");
        var envFile = Path.Combine(folder, "env.txt");
        File.WriteAllText(explicitFile, "x");
        File.WriteAllText(envFile, "y");
        var dataFolder = Path.Combine(folder, "data");
        string? env = envFile;
        var locator = new CorpusLocator(dataFolder, _ => env, downloader, server.Url);

        Assert.Equal(explicitFile, await locator.LocateAsync(explicitFile));
        Assert.Equal(envFile, await locator.LocateAsync(null));
        env = null;
        // Nothing local: the canonical corpus is fetched, but our loopback body fails the real checksum.
        await Assert.ThrowsAsync<CorpusException>(() => locator.LocateAsync(null));
        Directory.CreateDirectory(dataFolder);
        File.WriteAllText(Path.Combine(dataFolder, Corpus.FileName), "z");
        Assert.Equal(Path.Combine(dataFolder, Corpus.FileName), await locator.LocateAsync(null));
    }

    [Fact]
    public async Task MissingExplicitPathIsAClearError()
    {
        var locator = new CorpusLocator(folder, _ => null, downloader, server.Url);
        var error = await Assert.ThrowsAsync<CorpusException>(() => locator.LocateAsync("/nonexistent/shakespeare.txt"));
        Assert.Contains("/nonexistent/shakespeare.txt", error.Message);
    }

    private static void Send(HttpListenerContext ctx, byte[] body)
    {
        ctx.Response.ContentLength64 = body.Length;
        ctx.Response.OutputStream.Write(body);
        ctx.Response.Close();
    }

    public void Dispose()
    {
        server.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A real HttpListener on 127.0.0.1 answering every request with <see cref="Respond"/>.</summary>
    private sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener listener = new();

        public LoopbackServer()
        {
            var port = FreePort.Next();
            Url = new Uri($"http://127.0.0.1:{port}/input.txt");
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            _ = Task.Run(Serve);
        }

        public Uri Url { get; }
        public Action<HttpListenerContext> Respond { get; set; } = ctx => ctx.Response.Close();

        private async Task Serve()
        {
            while (listener.IsListening)
            {
                try
                {
                    var context = await listener.GetContextAsync();
                    Respond(context);                                                   // read after the request arrives
                }
                catch (Exception) when (!listener.IsListening)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    // A client hanging up on an aborted response is part of the truncation test.
                }
            }
        }

        public void Dispose() => listener.Close();
    }
}
