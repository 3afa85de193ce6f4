using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;

namespace Inet.Codecs;

/// <summary>
/// Saves the attachments of a mail or news article (base64, quoted-printable, x-uuencode, nested multiparts and
/// attached messages) to files with safe names. MimeKit parses and decodes; uuencoded blocks inside plain-text
/// bodies (classic news posts) are decoded by <see cref="UuDecoder"/>.
/// </summary>
public static class MimeAttachmentExtractor
{
    // MimeKit bounds the parser; this bounds the walk over attached messages within attached messages.
    private const int MaxDepth = 32;

    /// <summary>Parses a message from <paramref name="input"/> and extracts its attachments into <paramref name="outputDirectory"/>.</summary>
    public static async Task<IReadOnlyList<AssemblyResult>> ExtractAsync(
        Stream input, string outputDirectory, bool scanTextForUuencode = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        // On a seekable stream MimeKit keeps part contents as windows onto it instead of copying them into memory.
        var parser = new MimeParser(input, persistent: input.CanSeek);
        using var message = await parser.ParseMessageAsync(cancellationToken).ConfigureAwait(false);
        return await ExtractAsync(message, outputDirectory, scanTextForUuencode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Extracts every attachment of <paramref name="message"/> into <paramref name="outputDirectory"/>; with
    /// <paramref name="scanTextForUuencode"/>, also uuencoded files embedded in text bodies.
    /// </summary>
    public static async Task<IReadOnlyList<AssemblyResult>> ExtractAsync(
        MimeMessage message, string outputDirectory, bool scanTextForUuencode = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var results = new List<AssemblyResult>();
        var parts = new List<MimePart>();
        Collect(message.Body, parts, 0);
        foreach (var part in parts)
        {
            if (part.Content is not { } content)
                continue;
            if (IsAttachment(part))
                results.Add(await SaveAsync(part, content, outputDirectory, results.Count + 1, cancellationToken).ConfigureAwait(false));
            else if (scanTextForUuencode && part is TextPart)
                results.AddRange(await DecodeEmbeddedUuAsync(content, outputDirectory, cancellationToken).ConfigureAwait(false));
        }
        return results;
    }

    private static void Collect(MimeEntity? entity, List<MimePart> parts, int depth)
    {
        if (entity is null || depth > MaxDepth)
            return;
        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart)
                    Collect(child, parts, depth + 1);
                break;
            case MessagePart { Message: { } inner }:
                Collect(inner.Body, parts, depth + 1);
                break;
            case MimePart part:
                parts.Add(part);
                break;
        }
    }

    // Text bodies stay bodies unless they are marked or named as attachments.
    private static bool IsAttachment(MimePart part) =>
        part.IsAttachment || part.FileName is not null || part is not TextPart
        || part.ContentTransferEncoding == ContentEncoding.UUEncode;

    private static async Task<AssemblyResult> SaveAsync(MimePart part, IMimeContent content, string outputDirectory, int index, CancellationToken cancellationToken)
    {
        using var assembler = new MultipartAssembler(outputDirectory, part.FileName, null, FallbackName(part, index));
        using (var writer = assembler.BeginPart(1, 0))
        {
            using var sink = new PartWriterStream(writer);
            await content.DecodeToAsync(sink, cancellationToken).ConfigureAwait(false);
            writer.Complete();
        }
        return assembler.Finish();
    }

    private static async Task<IReadOnlyList<AssemblyResult>> DecodeEmbeddedUuAsync(IMimeContent content, string outputDirectory, CancellationToken cancellationToken)
    {
        using var raw = content.Open();
        using var decoded = new FilteredStream(raw);
        decoded.Add(DecoderFilter.Create(content.Encoding));
        return await UuDecoder.DecodeToDirectoryAsync(decoded, outputDirectory, cancellationToken).ConfigureAwait(false);
    }

    private static string FallbackName(MimePart part, int index) =>
        MimeTypes.TryGetExtension(part.ContentType.MimeType, out var extension)
            ? $"attachment-{index}{extension}"
            : $"attachment-{index}.bin";
}
