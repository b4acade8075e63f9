using System.Globalization;

namespace MinRnnLab.Web.Services;

/// <summary>
/// The viewer's time zone, read from the browser once per circuit, and the one way the UI writes a time:
/// ISO 8601 with seconds and the offset, in that zone (2026-11-30 21:41:37 +01:00). Until the browser has
/// answered (and in tests without one) times are shown in UTC, which the offset makes plain.
/// </summary>
public sealed class ViewerClock(TimeZoneInfo zone)
{
    public static ViewerClock Utc { get; } = new(TimeZoneInfo.Utc);

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The zone the browser reports (IANA name), else a fixed zone from its offset in minutes east of UTC.</summary>
    public static ViewerClock FromBrowser(string? zoneName, int offsetMinutes)
    {
        if (!string.IsNullOrWhiteSpace(zoneName) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var zone))
            return new ViewerClock(zone);
        var offset = TimeSpan.FromMinutes(Math.Clamp(offsetMinutes, -14 * 60, 14 * 60));
        if (offset == TimeSpan.Zero)
            return Utc;
        var name = $"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}";
        return new ViewerClock(TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name));
    }

    public string Format(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, Zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>The time, or a dash when there is none (a run not started or not finished).</summary>
    public string Format(DateTimeOffset? time) => time is { } t ? Format(t) : "–";
}
