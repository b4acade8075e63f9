using MinRnnLab.Web.Embedded;

// `dotnet run --project ui/MinRnnLab.Web.Embedded` is a whole platform: UI + co-hosted silo + CPU slot, on localhost.
// A refusal to start (an exposed address without a secret, a data folder another platform holds) has already been
// explained on stderr: exit 1, without a stack trace. SIGTERM and Ctrl+C stop it gracefully: the co-hosted silo's
// slots checkpoint their runs and hand them back.
if (await EmbeddedWebApp.StartAsync(args) is not { } app)
    return 1;
await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;
