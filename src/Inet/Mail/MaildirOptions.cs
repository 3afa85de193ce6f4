namespace Inet.Mail;

/// <summary>How a <see cref="Maildir"/> writes.</summary>
public sealed record MaildirOptions
{
    /// <summary>
    /// Flush each message to disk (fsync) before it is renamed into new/, and new/ itself after the rename (on by
    /// default, as qmail and Dovecot do). Only power loss or an OS crash needs it: a killed process (even kill -9)
    /// loses nothing without it, because the kernel still holds every byte written. Turn it off to trade
    /// power-loss safety for speed on slow disks.
    /// </summary>
    public bool FlushToDisk { get; init; } = true;
}
