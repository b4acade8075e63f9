// A headless worker silo: joins the cluster through PostgreSQL and trains on this machine's devices.
// Configuration: appsettings.json, then environment variables, then command-line "--Lab:Key=value" pairs, e.g.
//   Lab__ConnectionString="Host=db;Username=postgres;Database=minrnnlab" Lab__Devices__0=cuda:0 Lab__Devices__1=cuda:1
//   Lab__ArtifactsFolder=/mnt/shared/artifacts Lab__AdvertisedIp=10.0.0.5 dotnet MinRnnLab.Silo.dll
using MinRnnLab.Config;
using MinRnnLab.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables().AddCommandLine(args);
builder.Logging.AddSimpleConsole(o => (o.SingleLine, o.TimestampFormat) = (true, "HH:mm:ss.fff "));

LabOptions options;
IHost host;
try
{
    options = LabOptions.Bind(builder.Configuration);
    builder.UseOrleans(silo => silo.AddMinRnnLab(options));                            // sqlite locks the data folder
    host = builder.Build();
}
catch (Exception e) when (e is DataFolderInUseException or ArgumentException)
{
    Console.Error.WriteLine($"error: {e.Message}");                                     // a bad setting, named: no stack trace
    return 1;
}

// SIGTERM and Ctrl+C stop the host: each slot checkpoints its run and hands it back (HostOptions.ShutdownTimeout bounds it).
using (host)
{
    var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MinRnnLab.Silo");
    log.LogInformation("silo starting: storage {Storage}, devices {Devices}, silo port {SiloPort}, gateway port {GatewayPort}, artifacts {Artifacts}",
        options.Storage.ToConfigName(), string.Join(",", options.Slots.Select(s => s.Name)), options.SiloPort, options.GatewayPort, options.ArtifactsFolder ?? "(data folder)");
    await host.RunAsync();
}
return 0;
