using MinRnnLab.Abstractions;
using MinRnnLab.Grains.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MinRnnLab.Sweeps;
using Orleans.Serialization;

namespace MinRnnLab.Grains;

/// <summary>Registers what the grains need on a silo, whatever hosts them and whatever trains their runs.</summary>
public static class LabGrainsExtensions
{
    /// <summary>
    /// Reminders, live streams and the live feed the grains publish through, and their settings. The host adds
    /// grain storage ("lab"), the reminder table, the metrics and trial stores, and the device worker.
    /// </summary>
    public static ISiloBuilder AddLabGrains(this ISiloBuilder silo, GrainOptions options)
    {
        options.Validate();                                                             // whoever built them
        silo.AddReminders();
        silo.AddMemoryStreams(LabStreams.Provider);
        // Stream subscriptions are live-only: subscribers (UI, CLI) subscribe again after a restart.
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.Services.AddSingleton<LiveFeed>();                                         // what grains publish goes through it
        silo.Services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        silo.Services.AddSingleton(Options.Create(options));
        // The intake hands its parse to the sweep grain in the form the grain stores it (state is JSON): the same
        // serializer on the wire and on disk, and SweepDefinition's records stay plain C#.
        silo.Services.AddSerializer(serializer => serializer.AddJsonSerializer(isSupported: type => type == typeof(SweepDefinition)));
        return silo;
    }
}
