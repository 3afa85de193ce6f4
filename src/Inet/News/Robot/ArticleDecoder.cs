using Inet.Codecs;
using Inet.Codecs.Yenc;
using Inet.News.Download;
using MimeKit;

namespace Inet.News.Robot;

/// <summary>
/// Decodes one article while it streams in: a yEnc part goes straight into its file at its offset;
/// anything else is handed to MimeKit (MIME attachments, uuencode in text); text articles can be
/// saved as .eml. One instance per connection (it owns buffers).
/// </summary>
internal sealed class ArticleDecoder : IDisposable
{
    private readonly YencSegmentDecoder _decoder = new();
    private readonly YencFileRegistry _files;
    private readonly string _directory;
    private readonly bool _saveText;

    public ArticleDecoder(YencFileRegistry files, string directory, bool saveText)
    {
        _files = files;
        _directory = directory;
        _saveText = saveText;
    }

    /// <summary>The outcome of one article: its kind, and for yEnc the file it fed and whether that file is now whole.</summary>
    internal sealed record Outcome(ArticleKind Kind, YencFileRegistry.Entry? YencFile, bool FileComplete, IReadOnlyList<AssemblyResult> Files, YencPartStatus? PartStatus);

    public async Task<Outcome> DecodeAsync(ArticleWork work, Stream content, bool hasHeaders, bool dotStuffed, CancellationToken cancellationToken)
    {
        if (await _decoder.SniffAsync(content, hasHeaders, dotStuffed, cancellationToken).ConfigureAwait(false) is { } begin)
            return await DecodeYencAsync(work, begin, content, cancellationToken).ConfigureAwait(false);
        var whole = _decoder.Rewound(content);
        if (!hasHeaders)
        {
            var uu = await UuDecoder.DecodeToDirectoryAsync(whole, _directory, cancellationToken).ConfigureAwait(false);
            return new Outcome(uu.Count > 0 ? ArticleKind.Uuencode : ArticleKind.Text, null, false, uu, null);
        }
        using var message = await MimeMessage.LoadAsync(whole, cancellationToken).ConfigureAwait(false);
        var files = await MimeAttachmentExtractor.ExtractAsync(message, _directory, scanTextForUuencode: true, cancellationToken).ConfigureAwait(false);
        if (files.Count > 0)
            return new Outcome(message.Body is Multipart ? ArticleKind.Mime : ArticleKind.Uuencode, null, false, files, null);
        if (_saveText)
            await SaveTextAsync(work, message, cancellationToken).ConfigureAwait(false);
        return new Outcome(ArticleKind.Text, null, false, [], null);
    }

    private async Task<Outcome> DecodeYencAsync(ArticleWork work, YencBeginLine begin, Stream content, CancellationToken cancellationToken)
    {
        var entry = _files.Get(begin, work.Group);
        var result = await _decoder.DecodeAsync(entry.Assembler, content, cancellationToken).ConfigureAwait(false);
        var part = result.Part;
        var complete = _files.PartDone(entry, part, work.Number);
        return new Outcome(ArticleKind.Yenc, entry, complete, [], result.Yenc.Status);
    }

    private async Task SaveTextAsync(ArticleWork work, MimeMessage message, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_directory, "text");
        Directory.CreateDirectory(folder);
        var name = $"{work.Group}.{work.Number}.eml";
        var path = SafeFileName.ResolveUnique(folder, name);
        await message.WriteToAsync(path, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _decoder.Dispose();
}
