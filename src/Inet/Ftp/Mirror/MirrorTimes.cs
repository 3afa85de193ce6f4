namespace Inet.Ftp.Mirror;

/// <summary>
/// Modification times compared at the precision the server gives: to the second for MLSD, MDTM and MFMT;
/// for LIST (whose times, in the server's zone, are taken as UTC) to the minute, or to the day when the
/// listing shows a year instead of a time (older files; ls switches after six months).
/// </summary>
internal static class MirrorTimes
{
    public static readonly TimeSpan Exact = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>An MLSD entry carries its time as a fact; a LIST entry has a time of day, or midnight when it showed a year.</summary>
    public static TimeSpan PrecisionOf(FtpItem item) =>
        item.Facts.ContainsKey("modify") ? Exact
        : item.Modified is { } time && time.UtcDateTime.TimeOfDay == TimeSpan.Zero ? Day
        : Minute;

    public static DateTimeOffset Truncate(DateTimeOffset time, TimeSpan precision) =>
        new(time.UtcTicks - (time.UtcTicks % precision.Ticks), TimeSpan.Zero);

    public static bool Same(DateTimeOffset a, DateTimeOffset b, TimeSpan precision) =>
        Truncate(a, precision) == Truncate(b, precision);

    public static bool Same(DateTime utc, DateTimeOffset b, TimeSpan precision) =>
        Same(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), b, precision);
}
