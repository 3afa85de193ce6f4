namespace Inet.Mail;

/// <summary>
/// A Maildir (cur/, new/, tmp/): each message is written to tmp/ under a unique name, then renamed into new/,
/// never over an existing file. A reader sees a message complete or not at all.
/// </summary>
public sealed class Maildir
{
    /// <summary>Age after which a file in tmp/ is a leftover of a killed delivery (36 hours, per the Maildir spec).</summary>
    public static readonly TimeSpan StaleTmpAge = TimeSpan.FromHours(36);

    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private Maildir(string path, MaildirOptions options)
    {
        Path = path;
        Options = options;
    }

    /// <summary>The Maildir's root folder.</summary>
    public string Path { get; }

    public MaildirOptions Options { get; }

    internal string TmpPath => System.IO.Path.Combine(Path, "tmp");

    internal string NewPath => System.IO.Path.Combine(Path, "new");

    internal string CurPath => System.IO.Path.Combine(Path, "cur");

    /// <summary>Opens the Maildir at <paramref name="path"/>, creating it and any missing cur/, new/, tmp/ (mode 0700 on Unix).</summary>
    public static Maildir Open(string path, MaildirOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        foreach (var directory in new[] { full, System.IO.Path.Combine(full, "cur"), System.IO.Path.Combine(full, "new"), System.IO.Path.Combine(full, "tmp") })
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(directory);
            else
                Directory.CreateDirectory(directory, PrivateDirectory);
        }
        return new Maildir(full, options ?? new MaildirOptions());
    }

    /// <summary>
    /// Starts a delivery: a new file in tmp/. Write the message to <see cref="MaildirDelivery.Stream"/>, then
    /// <see cref="MaildirDelivery.CommitAsync"/>; disposing without committing deletes the file. A
    /// <paramref name="key"/> is written into the file name (see <see cref="MailFetchState"/>).
    /// </summary>
    public MaildirDelivery Begin(MailKey? key = null) => MaildirDelivery.Create(this, key);

    /// <summary>
    /// Delivers one message whose bytes <paramref name="write"/> writes, exactly as written. Returns the path of
    /// the file in new/. If <paramref name="write"/> throws, nothing is delivered and tmp/ is left clean.
    /// </summary>
    public async Task<string> DeliverAsync(Func<Stream, CancellationToken, Task> write, MailKey? key = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var delivery = Begin(key);
        await write(delivery.Stream, cancellationToken).ConfigureAwait(false);
        return await delivery.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes files in tmp/ last written more than <paramref name="olderThan"/> ago (use <see cref="StaleTmpAge"/>):
    /// deliveries a killed process never finished. Returns how many were deleted.
    /// </summary>
    public int CleanTmp(TimeSpan olderThan)
    {
        var cutoff = DateTime.UtcNow - olderThan;
        var deleted = 0;
        foreach (var file in new DirectoryInfo(TmpPath).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc > cutoff)
                continue;
            try
            {
                file.Delete();
                deleted++;
            }
            catch (IOException)
            {
                // Another process removed or is replacing it; it is not ours to fight over.
            }
        }
        return deleted;
    }

    /// <summary>The key tokens of every delivered message still in new/ or cur/, whatever a reader renamed it to.</summary>
    internal HashSet<string> DeliveredKeyTokens()
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in new[] { NewPath, CurPath })
        {
            foreach (var path in Directory.EnumerateFiles(directory))
            {
                if (MaildirName.KeyToken(System.IO.Path.GetFileName(path)) is { } token)
                    tokens.Add(token);
            }
        }
        return tokens;
    }
}
