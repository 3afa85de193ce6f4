namespace Inet.Mail;

/// <summary>
/// The fetch state file exists but cannot be read. Nothing is fetched rather than everything again: move the file
/// aside to start over (messages still in the Maildir are recognised by their file names; only those deleted by
/// the user would be fetched again).
/// </summary>
public sealed class MailFetchStateCorruptException : IOException
{
    public MailFetchStateCorruptException(string path, string problem, Exception? inner = null)
        : base($"The mail fetch state {path} is damaged ({problem}). Move it aside to start over: messages still in the Maildir will not be fetched again, ones you deleted will.", inner)
    {
        StatePath = path;
    }

    /// <summary>The damaged file.</summary>
    public string StatePath { get; }
}
