using System.Collections.ObjectModel;

namespace Inet.News.Nzb;

/// <summary>An NZB 1.1 document: head metadata and the files it describes.</summary>
public sealed class NzbDocument
{
    /// <summary>All <c>&lt;meta&gt;</c> entries in document order, including title, password and category.</summary>
    public Collection<NzbMeta> Meta { get; } = [];

    /// <summary>The files, in document order.</summary>
    public Collection<NzbFile> Files { get; } = [];

    /// <summary>The first <c>title</c> meta, or null. Setting replaces every title entry.</summary>
    public string? Title { get => GetMeta("title"); set => SetMeta("title", value); }

    /// <summary>The first <c>password</c> meta (the archive password), or null.</summary>
    public string? Password { get => GetMeta("password"); set => SetMeta("password", value); }

    /// <summary>The first <c>category</c> meta, or null.</summary>
    public string? Category { get => GetMeta("category"); set => SetMeta("category", value); }

    /// <summary>The first meta value of <paramref name="type"/> (case-insensitive), or null.</summary>
    public string? GetMeta(string type) =>
        Meta.FirstOrDefault(m => string.Equals(m.Type, type, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>Removes every meta of <paramref name="type"/> and, unless <paramref name="value"/>
    /// is null, puts one entry in place of the first removed (or at the end).</summary>
    public void SetMeta(string type, string? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        var at = -1;
        for (var i = Meta.Count - 1; i >= 0; i--)
        {
            if (!string.Equals(Meta[i].Type, type, StringComparison.OrdinalIgnoreCase))
                continue;
            Meta.RemoveAt(i);
            at = i;
        }
        if (value is null)
            return;
        Meta.Insert(at < 0 ? Meta.Count : at, new NzbMeta(type, value));
    }
}
