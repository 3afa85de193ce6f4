namespace Inet.News.Robot;

/// <summary>What an article carried.</summary>
public enum ArticleKind
{
    Yenc,
    Uuencode,
    Mime,
    Text,
}
