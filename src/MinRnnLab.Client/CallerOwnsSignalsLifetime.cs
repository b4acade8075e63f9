using Microsoft.Extensions.Hosting;

namespace MinRnnLab.Client;

/// <summary>
/// The lifetime of the hosts a <see cref="LabClient"/> starts (a client, or a silo in this process): it leaves SIGINT,
/// SIGTERM and SIGQUIT to the program, which stops the host by disposing its client. The default console lifetime
/// registers for those signals too, cancels their default action and only asks the application to stop, which
/// nothing here waits on: a program that started a client would then no longer stop on Ctrl+C.
/// </summary>
public sealed class CallerOwnsSignalsLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
