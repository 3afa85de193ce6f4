using Inet.News.Nzb;

namespace Inet.News.Posting;

/// <summary>Turns post results into an NZB that lists exactly the articles the server accepted.</summary>
public static class PostNzb
{
    /// <summary>
    /// One NZB file per posted file (subject of its first part, poster, date, groups); segments are the
    /// posted parts with their article sizes and bracket-less Message-IDs. Files with no posted part are left out.
    /// </summary>
    public static NzbDocument Create(IEnumerable<PostResult> results, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var document = new NzbDocument();
        if (title is not null)
            document.Title = title;
        foreach (var result in results)
        {
            var posted = result.Parts.Where(p => p.IsPosted).ToList();
            if (posted.Count == 0)
                continue;
            var file = new NzbFile { Subject = result.Subject, Poster = result.From, Date = result.Date };
            foreach (var group in result.Newsgroups)
                file.Groups.Add(group);
            foreach (var part in posted)
                file.Segments.Add(new NzbSegment(part.Number, part.EncodedBytes, part.MessageId.Trim('<', '>')));
            document.Files.Add(file);
        }
        return document;
    }

    /// <summary>Writes <see cref="Create"/>'s document to <paramref name="path"/> (through a temporary file, then renamed).</summary>
    public static async Task WriteAsync(IEnumerable<PostResult> results, string path, string? title = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var document = Create(results, title);
        var temporary = path + ".part";
        var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            NzbWriter.Write(document, buffer);
            buffer.Position = 0;
            await buffer.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
