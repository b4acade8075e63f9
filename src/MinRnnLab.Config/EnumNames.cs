namespace MinRnnLab.Config;

/// <summary>
/// How every enum value is written where people read or type it (config keys, sweep files, settings, CLI tables,
/// exports, pages): its member name in lower case, `mingru`, `gated`, `succeeded`, `sqlite`. The one place that says so.
/// </summary>
public static class EnumNames
{
    public static string ToConfigName(this Enum value) => value.ToString().ToLowerInvariant();
}
