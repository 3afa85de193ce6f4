using System.Diagnostics;

namespace Inet.Mail;

/// <summary>
/// Which messages have been fetched into a <see cref="Maildir"/>, kept in the Maildir itself
/// (<c>.inet-fetch-state</c>, a dot file mail readers ignore). IMAP: per source, one UIDVALIDITY and the fetched
/// UIDs; a new UIDVALIDITY voids the old UIDs and every message counts as new. POP3: per source, the fetched UIDLs.
/// <para>
/// Kill-safe without duplicates or losses: <see cref="DeliverAsync"/> renames each message into new/ under a name
/// carrying its key before the key is recorded, and opening the state reads those names back from new/ and cur/.
/// So the state may lag behind the files (saves are batched) but never runs ahead of them. See
/// docs/mail-fetch-state.md. One fetch per Maildir at a time: the state holds a lock file while open.
/// </para>
/// </summary>
public sealed class MailFetchState : IDisposable
{
    private const string LockFileName = ".inet-fetch-state.lock";

    private readonly Lock gate = new();
    private readonly Maildir maildir;
    private readonly MailFetchStateOptions options;
    private readonly string path;
    private readonly FileStream lockFile;
    private readonly MailFetchStateFile.Contents contents;
    private readonly HashSet<string> deliveredTokens;
    private readonly Stopwatch sinceSave = Stopwatch.StartNew();
    private int pending;
    private bool disposed;

    private MailFetchState(Maildir maildir, MailFetchStateOptions options, FileStream lockFile)
    {
        this.maildir = maildir;
        this.options = options;
        this.lockFile = lockFile;
        path = Path.Combine(maildir.Path, MailFetchStateFile.FileName);
        MailFetchStateFile.DeleteLeftovers(maildir.Path);
        contents = MailFetchStateFile.Load(path);
        deliveredTokens = maildir.DeliveredKeyTokens();
    }

    /// <summary>The state file's path.</summary>
    public string StatePath => path;

    /// <summary>Newly fetched keys not yet saved.</summary>
    public int PendingCount
    {
        get { lock (gate) return pending; }
    }

    /// <summary>
    /// Opens the state of <paramref name="maildir"/>: loads the state file (none yet is an empty state; a damaged one
    /// throws <see cref="MailFetchStateCorruptException"/>) and reconciles it with the keyed files in new/ and cur/.
    /// Throws <see cref="IOException"/> if another process has it open.
    /// </summary>
    public static MailFetchState Open(Maildir maildir, MailFetchStateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(maildir);
        var lockPath = Path.Combine(maildir.Path, LockFileName);
        FileStream lockFile;
        try
        {
            // FileShare.None takes an advisory lock (flock on Unix) that dies with the process, even on kill -9.
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"Another fetch into {maildir.Path} is running (it holds {lockPath}).", e);
        }
        try
        {
            return new MailFetchState(maildir, options ?? new MailFetchStateOptions(), lockFile);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>The UIDVALIDITY recorded for an IMAP source, or null if none: compare to see whether it changed.</summary>
    public uint? GetUidValidity(string source)
    {
        lock (gate)
            return contents.Imap.TryGetValue(source, out var entry) ? entry.UidValidity : null;
    }

    /// <summary>
    /// True if <paramref name="key"/> was fetched: recorded in the state, or delivered under its name (then it is
    /// recorded now, so the state keeps it after the user deletes the file). An IMAP key whose UIDVALIDITY differs
    /// from the recorded one is not fetched, unless a file shows it was fetched under a greater (newer) UIDVALIDITY
    /// than the state recorded (a crash before the first save after the change).
    /// </summary>
    public bool IsFetched(MailKey key)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (IsRecorded(key))
                return true;
            if (!deliveredTokens.Contains(key.FileToken) || IsVoid(key))
                return false;
            Record(key);
            return true;
        }
    }

    /// <summary>
    /// Records <paramref name="key"/> as fetched. Call it only once the message is in new/ under the key's name
    /// (<see cref="Maildir.Begin"/> with the key), or <see cref="DeliverAsync"/> does both. An IMAP key with a new
    /// UIDVALIDITY replaces the source's old UIDs. Saved in batches (<see cref="MailFetchStateOptions"/>).
    /// </summary>
    public void MarkFetched(MailKey key)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            Record(key);
            if (pending >= options.SaveEvery || (pending > 0 && sinceSave.Elapsed >= options.SaveInterval))
                SaveLocked();
        }
    }

    /// <summary>
    /// Delivers one message under <paramref name="key"/> and records it: tmp/, rename into new/, then the state.
    /// Returns the path in new/. A crash at any point leaves either nothing (fetch again) or a keyed file (found
    /// on the next open).
    /// </summary>
    public async Task<string> DeliverAsync(MailKey key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        var delivered = await maildir.DeliverAsync(write, key, cancellationToken).ConfigureAwait(false);
        MarkFetched(key);
        return delivered;
    }

    /// <summary>Writes the state now if anything is pending (atomically: temp file, then rename).</summary>
    public void Save()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (pending > 0)
                SaveLocked();
        }
    }

    /// <summary>Saves what is pending and releases the lock.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
                return;
            try
            {
                if (pending > 0)
                    SaveLocked();
            }
            finally
            {
                disposed = true;
                lockFile.Dispose();
            }
        }
    }

    /// <summary>For crash tests: what a killed process leaves: the lock released, nothing saved.</summary>
    internal void AbandonAsIfKilled()
    {
        lock (gate)
        {
            disposed = true;
            lockFile.Dispose();
        }
    }

    private bool IsRecorded(MailKey key)
    {
        if (key.Uidl is { } uidl)
            return contents.Pop3.TryGetValue(key.Source, out var uidls) && uidls.Contains(uidl);
        return contents.Imap.TryGetValue(key.Source, out var entry) && entry.UidValidity == key.UidValidity && entry.Uids.Contains(key.Uid);
    }

    // RFC 3501 §2.3.1.1: a new UIDVALIDITY MUST be greater than the one before, so a file keyed under a smaller
    // one than the state's is from a numbering the server has given up.
    private bool IsVoid(MailKey key) =>
        !key.IsPop3 && contents.Imap.TryGetValue(key.Source, out var entry) && entry.UidValidity > key.UidValidity;

    private void Record(MailKey key)
    {
        bool added;
        if (key.Uidl is { } uidl)
        {
            if (!contents.Pop3.TryGetValue(key.Source, out var uidls))
                contents.Pop3[key.Source] = uidls = new HashSet<string>(StringComparer.Ordinal);
            added = uidls.Add(uidl);
        }
        else
        {
            if (!contents.Imap.TryGetValue(key.Source, out var entry) || entry.UidValidity != key.UidValidity)
                contents.Imap[key.Source] = entry = (key.UidValidity, new UidSet());
            added = entry.Uids.Add(key.Uid);
        }
        if (added)
            pending++;
    }

    private void SaveLocked()
    {
        MailFetchStateFile.Save(contents, path, maildir.Options.FlushToDisk);
        pending = 0;
        sinceSave.Restart();
    }
}
