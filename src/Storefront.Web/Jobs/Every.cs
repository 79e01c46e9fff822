namespace Storefront.Jobs;

/// <summary>Hangfire cron expressions (six fields, seconds first) for the intervals in <see cref="JobOptions"/>.</summary>
public static class Every
{
    /// <summary>The cron for <paramref name="interval"/>, or null when cron cannot say it (it must divide a minute, an hour or
    /// a day evenly, e.g. 15 s, 10 min, 6 h, 1 day).</summary>
    public static string? Cron(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero || interval.Ticks % TimeSpan.TicksPerSecond != 0) return null;
        var seconds = (long)interval.TotalSeconds;
        if (seconds < 60) return 60 % seconds == 0 ? $"*/{seconds} * * * * *" : null;
        if (seconds < 3600) return seconds % 60 == 0 && 3600 % seconds == 0 ? $"0 */{seconds / 60} * * * *" : null;
        if (seconds < 86400) return seconds % 3600 == 0 && 86400 % seconds == 0 ? $"0 0 */{seconds / 3600} * * *" : null;
        return seconds == 86400 ? "0 0 0 * * *" : null;
    }
}
