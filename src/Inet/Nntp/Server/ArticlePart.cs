namespace Inet.Nntp.Server;

/// <summary>Which part of an article a retrieval command sends.</summary>
internal enum ArticlePart
{
    Article,
    Head,
    Body,
    Stat,
}
