using Inet.Codecs;
using Inet.Codecs.Yenc;
using MimeKit;

namespace Inet.News.Posting;

/// <summary>Writes one whole article (headers and encoded body) for a part, reading only that part of the file.</summary>
internal sealed class ArticleWriter(BinaryPostOptions options)
{
    public async Task WriteAsync(PartPlan part, DateTimeOffset date, Stream destination, CancellationToken cancellationToken)
    {
        var file = new FileStream(part.File.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            // A file that changed after planning would give parts that no longer fit together.
            if (file.Length != part.File.Size)
                throw new IOException($"{part.File.Path} changed size while being posted ({part.File.Size} -> {file.Length} bytes).");
            file.Position = part.Offset;
            if (options.Encoding == PostEncoding.Mime)
            {
                await WriteMimeAsync(part, date, file, destination, cancellationToken).ConfigureAwait(false);
                return;
            }
            await destination.WriteAsync(ArticleHeaders.Build(options, part, date), cancellationToken).ConfigureAwait(false);
            if (options.Encoding == PostEncoding.Uu)
                await UuPartWriter.WriteAsync(file, part, destination, cancellationToken).ConfigureAwait(false);
            else
                await new YencPartWriter(options.LineLength).WritePartAsync(file, part.Length, destination, YencSpec(part), cancellationToken).ConfigureAwait(false);
        }
    }

    private static YencPartSpec YencSpec(PartPlan part)
    {
        var file = part.File;
        if (part.Total == 1)
            return new YencPartSpec(file.Name, file.Size);
        // Only the last part carries the whole-file CRC, as most posters do.
        return new YencPartSpec(file.Name, file.Size, part.Number, part.Total, part.Offset + 1, part.IsLast ? file.Crc32 : null);
    }

    private async Task WriteMimeAsync(PartPlan part, DateTimeOffset date, Stream file, Stream destination, CancellationToken cancellationToken)
    {
        var text = $"{part.File.Name} ({part.File.Size} bytes)\r\n";
        using var message = MimeComposer.Compose(options.From, part.Subject, text,
            [new MimeAttachment(part.File.Name, file)], newsgroups: options.Newsgroups);
        message.MessageId = part.MessageId[1..^1];
        message.Date = date;
        if (options.UserAgent is { Length: > 0 } agent)
            message.Headers.Add("User-Agent", agent);
        foreach (var (name, value) in options.ExtraHeaders)
            message.Headers.Add(name, value);
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        await message.WriteToAsync(format, destination, cancellationToken).ConfigureAwait(false);
    }
}
