using System.Net;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Web.Services;
using Orleans.Configuration;

namespace MinRnnLab.Web.Hosting;

/// <summary>Puts the platform behind the UI: a co-hosted silo (default) or a client of a running cluster.</summary>
public static class LabHosting
{
    public static WebApplicationBuilder AddLabPlatform(this WebApplicationBuilder builder, WebOptions web, CoHostedSilo? silo)
    {
        builder.Services.AddSingleton(web);
        if (web.Embedded)
        {
            if (silo is null)
                throw new ArgumentException("Web:Mode is 'embedded', but this is the client-only web: run ui/MinRnnLab.Web.Embedded for a co-hosted silo, or set Web:Mode to 'client'");
            silo.AddSilo(builder);
        }
        else
        {
            // A client holds no artifacts: checkpoints, samples and logs are read by the silos (IArtifactGrain).
            builder.UseOrleansClient(client =>
            {
                if (web.Gateways.Count == 0)
                    client.UseLocalhostClustering(builder.Configuration.GetValue("Lab:GatewayPort", LabCluster.DefaultGatewayPort), LabCluster.ServiceId, LabCluster.ClusterId);
                else
                    client.UseStaticClustering(web.Gateways.Select(ParseGateway).ToArray())
                        .Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (LabCluster.ServiceId, LabCluster.ClusterId));
                client.AddMemoryStreams(LabStreams.Provider);
                client.AddActivityPropagation();                                     // see LabWebTracing
            });
        }
        // Pages use the typed client the CLI uses, as ILabClient where component tests give them a fake platform. It reads
        // no files: checkpoints, samples, logs and benchmark results come from a silo that holds them, co-hosted or not.
        builder.Services.AddSingleton(services => LabClient.ForCluster(services.GetRequiredService<IClusterClient>()));
        builder.Services.AddSingleton<ILabClient>(services => services.GetRequiredService<LabClient>());
        builder.Services.AddSingleton<SweepPageReads>();                               // one read of a sweep for every tab on it
        builder.Services.AddSingleton<SweepWatches>();                                 // one live subscription per sweep, likewise
        builder.Services.AddScoped<CompareTray>();                                     // one per circuit: each reader picks their own runs
        builder.Services.AddSingleton(new SweepTemplates(web.SweepsFolder ?? Path.Combine(AppContext.BaseDirectory, "sweeps")));
        return builder;
    }

    private static IPEndPoint ParseGateway(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port))
            throw new ArgumentException($"Web:Gateways entry '{text}' is not host:port");
        var host = text[..colon];
        var address = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First();
        return new IPEndPoint(address, port);
    }
}
