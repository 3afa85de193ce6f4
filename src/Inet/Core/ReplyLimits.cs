namespace Inet.Core;

/// <summary>
/// Bounds on one multi-line reply, so that a hostile or broken server cannot feed the client an
/// endless reply: at most <see cref="MaxLines"/> lines and <see cref="MaxBytes"/> bytes, and once the
/// first line has arrived the rest must follow within <see cref="CompletionTimeout"/>.
/// </summary>
public sealed record ReplyLimits(int MaxLines, int MaxBytes, TimeSpan CompletionTimeout)
{
    /// <summary>Generous bounds for FTP (a STAT or HELP listing can be long).</summary>
    public static readonly ReplyLimits Default = new(ReplyParser.MaxReplyLines, 16 * 1024 * 1024, Timeout.InfiniteTimeSpan);

    /// <summary>SMTP/LMTP: an EHLO answer is a few dozen lines; 1,000 lines or 64 KiB in 30 s is plenty.</summary>
    public static readonly ReplyLimits Smtp = new(1_000, 64 * 1024, TimeSpan.FromSeconds(30));
}
