using System.Globalization;
using Inet.Core;
using Inet.News.Posting;

namespace Inet.Cli.News;

/// <summary>Prints what <c>inet news post</c> did, as text or JSON, and picks the exit code.</summary>
internal static class NewsPostReport
{
    /// <summary>4 when a part failed (network/auth), 3 when the server refused one, else 0.</summary>
    public static int ExitCode(IReadOnlyList<PostResult> results)
    {
        var parts = results.SelectMany(r => r.Parts).ToList();
        if (parts.Any(p => p.Status == PartPostStatus.Failed))
            return ExitCodes.Network;
        return parts.Any(p => p.Status != PartPostStatus.Posted) ? ExitCodes.ServerRefused : ExitCodes.Ok;
    }

    /// <summary>One stderr line per part that did not go through, as it happens.</summary>
    public static void WriteProgress(TextWriter error, PostedPart part)
    {
        if (part.Status != PartPostStatus.Posted)
            error.WriteLine($"inet: {part.FileName} part {part.Number}/{part.Total} {Word(part.Status)}: {part.Error}");
    }

    public static Task WriteAsync(TextWriter output, IReadOnlyList<PostResult> results, string? nzbPath, bool json)
    {
        if (json)
            return JsonOutput.WriteAsync(output, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("files");
                foreach (var r in results)
                {
                    w.WriteStartObject();
                    w.WriteString("path", r.Path);
                    w.WriteString("name", r.FileName);
                    w.WriteNumber("size", r.Size);
                    if (r.Crc32 is { } crc)
                        w.WriteString("crc32", crc.ToString("x8", CultureInfo.InvariantCulture));
                    w.WriteString("subject", r.Subject);
                    w.WriteBoolean("complete", r.IsComplete);
                    w.WriteStartArray("parts");
                    foreach (var p in r.Parts)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("number", p.Number);
                        w.WriteNumber("total", p.Total);
                        w.WriteString("messageId", p.MessageId);
                        w.WriteNumber("offset", p.Offset);
                        w.WriteNumber("bytes", p.Bytes);
                        w.WriteNumber("encodedBytes", p.EncodedBytes);
                        w.WriteString("status", Word(p.Status));
                        w.WriteNumber("attempts", p.Attempts);
                        if (p.ReplyCode is { } code)
                            w.WriteNumber("replyCode", code);
                        if (p.Error is { } error)
                            w.WriteString("error", error);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                if (nzbPath is not null)
                    w.WriteString("nzb", nzbPath);
                w.WriteEndObject();
            });
        return WriteTextAsync(output, results, nzbPath);
    }

    private static async Task WriteTextAsync(TextWriter output, IReadOnlyList<PostResult> results, string? nzbPath)
    {
        foreach (var r in results)
        {
            var posted = r.Parts.Count(p => p.IsPosted);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.FileName}: {posted}/{r.Parts.Count} parts posted, {r.Size} bytes{(r.Crc32 is { } c ? $", crc32 {c:x8}" : "")}")).ConfigureAwait(false);
            foreach (var p in r.Parts.Where(p => !p.IsPosted))
                await output.WriteLineAsync($"  part {p.Number}/{p.Total} {p.MessageId}: {Word(p.Status)}{(p.Error is null ? "" : " (" + p.Error + ")")}").ConfigureAwait(false);
        }
        if (nzbPath is not null)
            await output.WriteLineAsync("nzb: " + nzbPath).ConfigureAwait(false);
    }

    private static string Word(PartPostStatus status) => status switch
    {
        PartPostStatus.Posted => "posted",
        PartPostStatus.Refused => "refused",
        PartPostStatus.Failed => "failed",
        _ => "not posted",
    };
}
