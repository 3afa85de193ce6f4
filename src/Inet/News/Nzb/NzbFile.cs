using System.Collections.ObjectModel;

namespace Inet.News.Nzb;

/// <summary>One <c>&lt;file&gt;</c> of an NZB: a file posted as one or more articles.</summary>
public sealed class NzbFile
{
    /// <summary>The subject the file was posted under (required by the DTD; may be empty).</summary>
    public string Subject { get; set; } = "";

    /// <summary>The From: header of the post, if given.</summary>
    public string? Poster { get; set; }

    /// <summary>When the file was first seen (Unix seconds in the XML), if given.</summary>
    public DateTimeOffset? Date { get; set; }

    /// <summary>Newsgroups the file is known to be in.</summary>
    public Collection<string> Groups { get; } = [];

    /// <summary>The articles; the reader returns them sorted by number without duplicates.</summary>
    public Collection<NzbSegment> Segments { get; } = [];

    /// <summary>Sum of the segments' byte counts (article sizes, so a little above the file size).</summary>
    public long TotalBytes => Segments.Sum(s => s.Bytes);

    /// <summary>The file name and counters parsed from <see cref="Subject"/>; the name is raw,
    /// so it must go through <c>Inet.Codecs.SafeFileName</c> before use.</summary>
    public ParsedSubject ParsedSubject => SubjectParser.Parse(Subject);
}
