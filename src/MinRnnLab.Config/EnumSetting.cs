using Microsoft.Extensions.Configuration;

namespace MinRnnLab.Config;

/// <summary>
/// The one reader of mode settings (Lab:Storage, Lab:Executor, Web:Mode): each is an enum whose lower-case member
/// names are the only values. Configuration binding alone would also take "1" or "sqlite, postgres", and refuse a
/// typo without saying what the setting may be; here a wrong value is refused naming the setting and the choices.
/// </summary>
public static class EnumSetting
{
    /// <summary>The member <paramref name="text"/> names (any case, surrounding blanks ignored).</summary>
    /// <exception cref="ArgumentException">It names none; the message names <paramref name="setting"/> and the allowed values.</exception>
    public static T Parse<T>(string setting, string? text) where T : struct, Enum
    {
        var value = text?.Trim();
        foreach (var member in Enum.GetValues<T>())
            if (string.Equals(member.ToConfigName(), value, StringComparison.OrdinalIgnoreCase))
                return member;
        var allowed = string.Join(", ", Enum.GetValues<T>().Select(m => $"'{m.ToConfigName()}'"));
        throw new ArgumentException($"{setting} '{text}' is not one of {allowed}");
    }

    /// <summary>Refuses a present but wrong <paramref name="key"/> of <paramref name="section"/> before it is bound.</summary>
    public static void Check<T>(IConfigurationSection section, string key) where T : struct, Enum
    {
        if (section[key] is { } text)
            Parse<T>($"{section.Path}:{key}", text);
    }
}
