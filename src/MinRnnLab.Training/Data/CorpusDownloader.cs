using System.Security.Cryptography;

namespace MinRnnLab.Training.Data;

/// <summary>
/// Downloads a file and keeps it only if its SHA-256 matches. Bytes go to a temp file beside the target, which
/// is renamed into place after verification, so a failed or truncated download never leaves a partial corpus.
/// </summary>
public sealed class CorpusDownloader(HttpClient http)
{
    public async Task DownloadAsync(Uri url, string destination, string expectedSha256, CancellationToken cancel = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.part");
        try
        {
            string actual;
            long received;
            using (var response = await Send(url, cancel))
            await using (var file = File.Create(temp))
            {
                try
                {
                    await response.Content.CopyToAsync(file, cancel);
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    throw new CorpusException($"download of {url} was cut off after {file.Length} bytes: {e.Message}");
                }
                received = file.Length;
                var expectedLength = response.Content.Headers.ContentLength;
                if (expectedLength is long length && received != length)
                    throw new CorpusException($"download of {url} was truncated: received {received} of {length} bytes");
                file.Position = 0;
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancel));
            }
            if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
                throw new CorpusException(
                    $"checksum mismatch for {url}: expected sha256 {expectedSha256}, got {actual} ({received} bytes); nothing was kept");
            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    private async Task<HttpResponseMessage> Send(Uri url, CancellationToken cancel)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel);
        }
        catch (HttpRequestException e)
        {
            throw new CorpusException($"could not reach {url}: {e.Message}. Pass --data_path or set {Corpus.EnvironmentVariable} to a local copy.");
        }
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new CorpusException($"download of {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        return response;
    }
}
