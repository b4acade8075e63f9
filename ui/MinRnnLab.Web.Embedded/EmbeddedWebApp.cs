using MinRnnLab.Hosting;
using MinRnnLab.Web.Hosting;

namespace MinRnnLab.Web.Embedded;

/// <summary>The web app with a silo in its process: Program.cs runs it, and the end-to-end tests start it in-process.</summary>
public static class EmbeddedWebApp
{
    /// <summary>The same silo as `minrnn serve` or MinRnnLab.Silo, set up from section "Lab": Lab:Storage picks SQLite or the PostgreSQL cluster.</summary>
    public static CoHostedSilo Silo { get; } = new(typeof(EmbeddedWebApp).Assembly.GetName().Name!, builder =>
    {
        var lab = LabOptions.Bind(builder.Configuration);
        builder.UseOrleans(silo => silo.AddMinRnnLab(lab).AddActivityPropagation());   // see LabWebTracing
    });

    public static WebApplication Build(string[] args) => LabWebApp.Build(args, Silo);

    public static Task<WebApplication?> StartAsync(string[] args) => LabWebApp.StartAsync(args, Silo);
}
