using System.Globalization;
using System.Text;

namespace Inet.Nntp.Server;

/// <summary>
/// An <see cref="IArticleStore"/> that serves from memory and persists to a folder: one file per
/// article (<c>articles/0000000001.eml</c>, written to a temp file and renamed), an append-only
/// <c>index.tsv</c> and <c>groups.tsv</c> (rewritten atomically). Reopening the folder restores
/// every group, article number and arrival time.
/// </summary>
public sealed class FolderArticleStore : IArticleStore, IDisposable
{
    private const string GroupsFile = "groups.tsv";
    private const string IndexFile = "index.tsv";
    private const string ArticlesFolder = "articles";

    private readonly InMemoryArticleStore _memory;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _folder;
    private long _sequence;

    private FolderArticleStore(string folder, string pathHost)
    {
        _folder = folder;
        _memory = new InMemoryArticleStore(pathHost);
    }

    /// <summary>The folder this store persists to.</summary>
    public string Folder => _folder;

    public string PathHost => _memory.PathHost;

    /// <summary>Opens (creating if needed) a store folder and loads what it holds.</summary>
    public static async Task<FolderArticleStore> OpenAsync(string folder, string pathHost = "localhost", CancellationToken cancellationToken = default)
    {
        string full = Path.GetFullPath(folder);
        Directory.CreateDirectory(Path.Combine(full, ArticlesFolder));
        var store = new FolderArticleStore(full, pathHost);
        await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    public IReadOnlyList<NntpServerGroup> GetGroups() => _memory.GetGroups();

    public NntpServerGroup? FindGroup(string name) => _memory.FindGroup(name);

    public NntpServerArticle? FindArticle(string messageId) => _memory.FindArticle(messageId);

    public IReadOnlyList<NntpServerArticle> GetArticlesSince(DateTimeOffset since) => _memory.GetArticlesSince(since);

    public async ValueTask<NntpServerGroup> CreateGroupAsync(string name, string? description = null, bool postingAllowed = true, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_memory.FindGroup(name) is NntpServerGroup existing)
                return existing;
            var group = await _memory.CreateGroupAsync(name, description, postingAllowed, cancellationToken).ConfigureAwait(false);
            await WriteGroupsAsync(cancellationToken).ConfigureAwait(false);
            return group;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask<NntpServerArticle> AddAsync(NntpArticleDraft draft, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var article = await _memory.AddAsync(draft, cancellationToken).ConfigureAwait(false);
            long sequence = ++_sequence;
            string target = ArticlePath(sequence);
            await WriteAtomicallyAsync(target, article.ToRawArticle(), cancellationToken).ConfigureAwait(false);
            string entry = string.Join('\t',
                sequence.ToString(CultureInfo.InvariantCulture),
                article.Arrived.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                article.MessageId,
                string.Join(' ', article.Locations.Select(l => l.Group + ":" + l.Number.ToString(CultureInfo.InvariantCulture)))) + "\n";
            var index = new FileStream(Path.Combine(_folder, IndexFile), FileMode.Append, FileAccess.Write, FileShare.Read);
            await using (index.ConfigureAwait(false))
            {
                await index.WriteAsync(Encoding.UTF8.GetBytes(entry), cancellationToken).ConfigureAwait(false);
                await index.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            return article;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose() => _writeLock.Dispose();

    private string ArticlePath(long sequence)
        => Path.Combine(_folder, ArticlesFolder, sequence.ToString("D10", CultureInfo.InvariantCulture) + ".eml");

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        string groupsPath = Path.Combine(_folder, GroupsFile);
        if (File.Exists(groupsPath))
        {
            foreach (string line in await File.ReadAllLinesAsync(groupsPath, cancellationToken).ConfigureAwait(false))
            {
                string[] fields = line.Split('\t', 4);
                if (fields.Length < 4 || !long.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out long created))
                    continue;
                _memory.CreateGroup(fields[0], fields[3], fields[1] == "y", DateTimeOffset.FromUnixTimeSeconds(created));
            }
        }
        string indexPath = Path.Combine(_folder, IndexFile);
        if (!File.Exists(indexPath))
            return;
        string text = await File.ReadAllTextAsync(indexPath, cancellationToken).ConfigureAwait(false);
        // Only newline-terminated entries count: a crash mid-append leaves a partial last line.
        int complete = text.LastIndexOf('\n') + 1;
        if (complete < text.Length)
        {
            // Cut the partial entry off so the next append starts on a fresh line.
            using var index = new FileStream(indexPath, FileMode.Open, FileAccess.Write, FileShare.Read);
            index.SetLength(Encoding.UTF8.GetByteCount(text.AsSpan(0, complete)));
        }
        foreach (string line in text[..complete].Split('\n', StringSplitOptions.RemoveEmptyEntries))
            await RestoreAsync(line, cancellationToken).ConfigureAwait(false);
    }

    private async Task RestoreAsync(string line, CancellationToken cancellationToken)
    {
        string[] fields = line.Split('\t');
        if (fields.Length != 4
            || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long sequence)
            || !long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long arrivedMs))
            return;
        _sequence = Math.Max(_sequence, sequence);
        string path = ArticlePath(sequence);
        if (!File.Exists(path))
            return;
        var locations = new List<NntpArticleLocation>();
        foreach (string item in fields[3].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = item.LastIndexOf(':');
            if (colon <= 0 || !long.TryParse(item.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long number))
                return;
            locations.Add(new NntpArticleLocation(item[..colon], number));
        }
        byte[] raw = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var arrived = DateTimeOffset.FromUnixTimeMilliseconds(arrivedMs);
        try
        {
            var draft = NntpArticleDraft.Parse(raw, PathHost, arrived);
            _memory.Restore(draft, locations, arrived);
        }
        catch (NntpArticleRejectedException)
        {
            // A damaged or duplicate file is skipped rather than stopping the whole store.
        }
    }

    private async Task WriteGroupsAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var group in _memory.GetGroups())
        {
            text.Append(group.Name).Append('\t')
                .Append(group.PostingAllowed ? 'y' : 'n').Append('\t')
                .Append(group.Created.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(group.Description).Append('\n');
        }
        await WriteAtomicallyAsync(Path.Combine(_folder, GroupsFile), Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        string temp = path + ".tmp";
        var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
