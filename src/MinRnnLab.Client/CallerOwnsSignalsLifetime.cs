using Microsoft.Extensions.Hosting;

namespace MinRnnLab.Client;

/// <summary>
/// The lifetime of the hosts a <see cref="LabClient"/> starts (a client, or a silo in this process): it leaves SIGINT,
/// SIGTERM and SIGQUIT to the program, which stops the host by disposing its client. The default console lifetime
/// registers for those signals too, cancels them and only signals an application lifetime that nobody waits on here.
/// Two handlers for one signal then raced: under load `minrnn serve` was seen ignoring a SIGINT for minutes, its own
/// Ctrl+C handler apparently never called.
/// </summary>
public sealed class CallerOwnsSignalsLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
