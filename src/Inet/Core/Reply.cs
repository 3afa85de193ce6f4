namespace Inet.Core;

/// <summary>A server reply: a three-digit code, the text of its first line and any further lines.</summary>
public sealed record Reply(int Code, string Text, IReadOnlyList<string> MoreLines)
{
    public Reply(int code, string text) : this(code, text, []) { }

    /// <summary>1xx: the command was accepted and more will follow.</summary>
    public bool IsPositivePreliminary => Code is >= 100 and < 200;
    /// <summary>2xx: the command succeeded.</summary>
    public bool IsPositiveCompletion => Code is >= 200 and < 300;
    /// <summary>3xx: the server waits for more input (data, a password, a SASL response).</summary>
    public bool IsPositiveIntermediate => Code is >= 300 and < 400;
    /// <summary>4xx: refused for now; trying again later may work.</summary>
    public bool IsTransientNegative => Code is >= 400 and < 500;
    /// <summary>5xx: refused for good.</summary>
    public bool IsPermanentNegative => Code is >= 500 and < 600;

    /// <summary>
    /// Matches Go's textproto convention: 2 matches any 2xx, 25 matches 250-259, 250 matches exactly.
    /// </summary>
    public bool Matches(int expected) => expected switch
    {
        < 10 => Code / 100 == expected,
        < 100 => Code / 10 == expected,
        _ => Code == expected,
    };

    public override string ToString() => $"{Code} {Text}";
}
