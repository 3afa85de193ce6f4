using Inet.Core;

namespace Inet.Nntp;

/// <summary>Which article a command is about: a number in the current group, a message-id, or the current article.</summary>
public readonly record struct ArticleId
{
    private ArticleId(long number, string? messageId)
    {
        Number = number;
        MessageId = messageId;
    }

    /// <summary>The current article of the selected group.</summary>
    public static ArticleId Current => default;

    /// <summary>The article number, when selected by number (0 otherwise).</summary>
    public long Number { get; }

    /// <summary>The message-id with angle brackets, when selected by message-id.</summary>
    public string? MessageId { get; }

    public bool IsCurrent => Number == 0 && MessageId is null;

    public static ArticleId ByNumber(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        return new(number, null);
    }

    /// <summary>Selects by message-id; angle brackets are added when missing.</summary>
    public static ArticleId ByMessageId(string messageId)
    {
        CommandGuard.Check(messageId, nameof(messageId));
        var id = messageId.StartsWith('<') ? messageId : "<" + messageId + ">";
        if (id.Length < 3 || !id.EndsWith('>') || id.AsSpan(1, id.Length - 2).IndexOfAny("<> \t") >= 0)
            throw new ArgumentException($"Not a message-id: {messageId}", nameof(messageId));
        return new(0, id);
    }

    public static implicit operator ArticleId(long number) => ByNumber(number);

    public static implicit operator ArticleId(string messageId) => ByMessageId(messageId);

    /// <summary>The argument as sent on the wire, or empty for the current article.</summary>
    public override string ToString() => MessageId ?? (Number > 0 ? Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
}
