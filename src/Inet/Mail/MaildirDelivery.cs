namespace Inet.Mail;

/// <summary>
/// One message being written into tmp/ of a <see cref="Maildir"/>. <see cref="CommitAsync"/> moves it into new/;
/// disposing an uncommitted delivery deletes its tmp/ file.
/// </summary>
public sealed class MaildirDelivery : IAsyncDisposable, IDisposable
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const int MaxNameAttempts = 5;

    private readonly Maildir maildir;
    private MailKey? key;
    private readonly Stream stream; // a HandleWriteStream on Linux, else a FileStream
    private bool finished;

    private MaildirDelivery(Maildir maildir, MailKey? key, string name, Stream stream)
    {
        this.maildir = maildir;
        this.key = key;
        UniqueName = name;
        this.stream = stream;
    }

    /// <summary>Where the message goes: exactly these bytes end up in the file.</summary>
    public Stream Stream => stream;

    /// <summary>The file's name in tmp/ (and in new/, unless it had to change to avoid an existing file).</summary>
    public string UniqueName { get; private set; }

    internal string TmpFile => Path.Combine(maildir.TmpPath, UniqueName);

    /// <summary>
    /// Copies <paramref name="source"/> (the network) into the file: reads asynchronously, writes synchronously. The
    /// file is not an asynchronous one, and an asynchronous write to it would hand each message to the thread pool
    /// and back (a futex wake-up per message in the IMAP fetch profile).
    /// </summary>
    public async Task CopyFromAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                stream.Write(buffer, 0, read);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static MaildirDelivery Create(Maildir maildir, MailKey? key)
    {
        for (var attempt = 1; ; attempt++)
        {
            var name = MaildirName.Create(key);
            var path = Path.Combine(maildir.TmpPath, name);
            if (UnixFiles.Available)
            {
                try
                {
                    return new MaildirDelivery(maildir, key, name, new HandleWriteStream(UnixFiles.CreateNew(path)));
                }
                catch (IOException) when (attempt < MaxNameAttempts && File.Exists(path))
                {
                    continue; // the name is taken; the next one differs in Q and R
                }
            }
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = PrivateFile;
            try
            {
                return new MaildirDelivery(maildir, key, name, new FileStream(Path.Combine(maildir.TmpPath, name), options));
            }
            catch (IOException) when (attempt < MaxNameAttempts && File.Exists(Path.Combine(maildir.TmpPath, name)))
            {
                // Someone holds this name (a clock step back, a pid reused); the next name differs in Q and R.
            }
        }
    }

    /// <summary>
    /// Closes the file (flushing it to disk first when <see cref="MaildirOptions.FlushToDisk"/>) and renames it into
    /// new/ without replacing any file there. Returns the path in new/.
    /// </summary>
    public ValueTask<string> CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(CommitAs(null)); // file work only: the stream is not an asynchronous one
    }

    /// <summary>
    /// Commits, under <paramref name="lateKey"/> when the key was learnt only once the message was written (an IMAP
    /// FETCH may give the UID after the body): the name in new/ then carries that key, as if it had been given to
    /// <see cref="Maildir.Begin"/>. Returns the path in new/.
    /// </summary>
    public string CommitAs(MailKey? lateKey)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        var source = TmpFile;
        if (lateKey is { } late && key is null)
        {
            key = late;
            UniqueName = MaildirName.Create(late);
        }
        if (stream is HandleWriteStream handle && maildir.Options.FlushToDisk)
            handle.FlushToDisk();
        else if (stream is FileStream file)
            file.Flush(flushToDisk: maildir.Options.FlushToDisk);
        stream.Dispose();
        for (var attempt = 1; ; attempt++)
        {
            var target = Path.Combine(maildir.NewPath, UniqueName);
            try
            {
                // renameat2(RENAME_NOREPLACE), or File.Move(overwrite: false) (link + unlink): either fails rather
                // than replace a delivered message.
                if (!UnixFiles.Available || !UnixFiles.TryRenameNoReplace(source, target))
                    File.Move(source, target, overwrite: false);
                finished = true;
                if (maildir.Options.FlushToDisk)
                    DirectorySync.Flush(maildir.NewPath);
                return target;
            }
            catch (IOException) when (attempt < MaxNameAttempts && File.Exists(target) && File.Exists(source))
            {
                UniqueName = MaildirName.Create(key);
            }
            catch
            {
                TryDelete(source);
                finished = true;
                throw;
            }
        }
    }

    /// <summary>Abandons an uncommitted delivery: its tmp/ file is deleted.</summary>
    public async ValueTask DisposeAsync()
    {
        if (finished)
            return;
        finished = true;
        await stream.DisposeAsync().ConfigureAwait(false);
        TryDelete(TmpFile);
    }

    /// <summary>Abandons an uncommitted delivery: its tmp/ file is deleted.</summary>
    public void Dispose()
    {
        if (finished)
            return;
        finished = true;
        stream.Dispose();
        TryDelete(TmpFile);
    }

    /// <summary>For crash tests: what a killed process leaves behind: the handle closed, the tmp/ file kept.</summary>
    internal void AbandonAsIfKilled()
    {
        finished = true;
        stream.Flush();
        stream.Dispose();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for CleanTmp.
        }
        catch (UnauthorizedAccessException)
        {
            // Left for CleanTmp.
        }
    }
}
