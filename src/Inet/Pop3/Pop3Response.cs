using System.Text;
using Inet.Core;

namespace Inet.Pop3;

/// <summary>
/// A POP3 status line (RFC 1939 3): "+OK text" or "-ERR text". <see cref="Code"/> is the RFC 2449
/// response code in brackets at the start of the text ("IN-USE", "AUTH", "SYS/TEMP"), if any.
/// </summary>
public sealed record Pop3Response(bool IsOk, string Text)
{
    /// <summary>The response code without brackets, upper case, or null when the text has none.</summary>
    public string? Code => ParseCode(Text);

    /// <summary>True for an -ERR that says trying again later may work: [IN-USE], [LOGIN-DELAY] or [SYS/TEMP].</summary>
    public bool IsTransient => !IsOk && Code is { } code && (code is "IN-USE" or "LOGIN-DELAY" || code.StartsWith("SYS/TEMP", StringComparison.Ordinal));

    /// <summary>
    /// The response as a Core <see cref="Reply"/> for the shared exceptions: +OK is 200, a transient -ERR 400,
    /// any other -ERR 500 (POP3 has no numeric codes; these only sort the answer into its class).
    /// </summary>
    public Reply ToReply() => new(IsOk ? 200 : IsTransient ? 400 : 500, Text);

    public override string ToString() => (IsOk ? "+OK" : "-ERR") + (Text.Length > 0 ? " " + Text : "");

    /// <summary>
    /// Parses a status line: true for "+OK" or "-ERR", alone or followed by a space and text. In an AUTH
    /// exchange a continuation "+ challenge" (or a bare "+") is also accepted, reported as <paramref name="continuation"/>.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<byte> line, bool allowContinuation, out Pop3Response response, out bool continuation)
    {
        response = null!;
        continuation = false;
        if (StartsWithWord(line, "+OK"u8, out var rest))
            response = new Pop3Response(true, rest);
        else if (StartsWithWord(line, "-ERR"u8, out rest))
            response = new Pop3Response(false, rest);
        else if (allowContinuation && line.Length >= 1 && line[0] == (byte)'+' && (line.Length == 1 || line[1] == (byte)' '))
        {
            continuation = true;
            response = new Pop3Response(true, line.Length > 2 ? Encoding.UTF8.GetString(line[2..]) : "");
        }
        else
            return false;
        return true;
    }

    private static bool StartsWithWord(ReadOnlySpan<byte> line, ReadOnlySpan<byte> word, out string rest)
    {
        rest = "";
        if (!line.StartsWith(word) || line.Length > word.Length && line[word.Length] != (byte)' ')
            return false;
        rest = line.Length > word.Length + 1 ? Encoding.UTF8.GetString(line[(word.Length + 1)..]) : "";
        return true;
    }

    private static string? ParseCode(string text)
    {
        if (!text.StartsWith('['))
            return null;
        var end = text.IndexOf(']', StringComparison.Ordinal);
        return end > 1 ? text[1..end].ToUpperInvariant() : null;
    }
}
