using MinRnnLab.Web.Hosting;

namespace MinRnnLab.Web.Tests.Components;

public class ListenPolicyTests
{
    [Theory]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://127.0.0.1:5080;http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://localhost:5080;http://192.168.1.4:5080", false)]
    public void OnlyLoopbackAddressesCountAsLocal(string urls, bool local) =>
        Assert.Equal(local, ListenPolicy.IsLoopbackOnly(urls));

    [Fact]
    public void ListeningBeyondLocalhostWithoutASecretRefusesToStart()
    {
        Assert.Throws<InvalidOperationException>(() => ListenPolicy.Enforce("http://0.0.0.0:80", new WebOptions()));
        ListenPolicy.Enforce("http://0.0.0.0:80", new WebOptions { AdminSecret = "s3cret" });
        ListenPolicy.Enforce("http://localhost:80", new WebOptions());
    }
}
