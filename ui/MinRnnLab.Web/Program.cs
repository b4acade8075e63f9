using MinRnnLab.Web.Hosting;

// The web UI as a client of a running platform (`minrnn serve`, MinRnnLab.Silo, or a cluster): Web:Gateways, else the
// gateway on localhost at Lab:GatewayPort. It co-hosts no silo and carries no libtorch; the one-process app with a silo
// is ui/MinRnnLab.Web.Embedded. A refusal to start has already been explained on stderr: exit 1, without a stack trace.
if (await LabWebApp.StartAsync(args) is not { } app)
    return 1;
await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;
