using MinRnnLab.Web.Hosting;

// `dotnet run --project ui/MinRnnLab.Web` is a whole platform: UI + co-hosted silo + CPU slot, on localhost.
// A refusal to start has already been explained on stderr: exit 1, without a stack trace.
if (await LabWebApp.StartAsync(args) is not { } app)
    return 1;
await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;
