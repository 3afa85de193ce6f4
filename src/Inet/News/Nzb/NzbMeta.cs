namespace Inet.News.Nzb;

/// <summary>One <c>&lt;meta type="..."&gt;</c> entry of an NZB head (title, password, category, tag, ...).</summary>
public sealed record NzbMeta(string Type, string Value);
