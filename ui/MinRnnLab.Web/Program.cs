using MinRnnLab.Web.Hosting;

// `dotnet run --project ui/MinRnnLab.Web` is a whole platform: UI + co-hosted silo + CPU slot, on localhost.
var app = LabWebApp.Build(args);
await app.RunAsync();
