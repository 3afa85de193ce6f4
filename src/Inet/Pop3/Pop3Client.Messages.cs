using System.Globalization;
using Inet.Core;

namespace Inet.Pop3;

public sealed partial class Pop3Client
{
    /// <summary>STAT: the number of messages and their total size in octets (messages marked deleted left out).</summary>
    public async Task<(int Count, long Size)> StatAsync(CancellationToken cancellationToken = default)
    {
        var response = await ExpectOkAsync("STAT", cancellationToken).ConfigureAwait(false);
        return ParsePair(response.Text, out var count, out var size) && count <= int.MaxValue
            ? ((int)count, size)
            : throw Malformed(response);
    }

    /// <summary>LIST: every message's number and size in octets.</summary>
    public async Task<IReadOnlyList<(int Number, long Size)>> ListAsync(CancellationToken cancellationToken = default)
    {
        await ExpectOkAsync("LIST", cancellationToken).ConfigureAwait(false);
        return await ReadListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>LIST n: the size of one message; -ERR (no such message) is a <see cref="Pop3CommandException"/>.</summary>
    public async Task<long> ListAsync(int number, CancellationToken cancellationToken = default)
    {
        var response = await ExpectOkAsync("LIST " + Number(number), cancellationToken).ConfigureAwait(false);
        return ParsePair(response.Text, out var n, out var size) && n == number ? size : throw Malformed(response);
    }

    /// <summary>UIDL: every message's number and unique id (RFC 1939 7), which stays the same across sessions.</summary>
    public async Task<IReadOnlyList<(int Number, string Uid)>> UidlAsync(CancellationToken cancellationToken = default)
    {
        await ExpectOkAsync("UIDL", cancellationToken).ConfigureAwait(false);
        return await ReadUidListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>UIDL n: one message's unique id.</summary>
    public async Task<string> UidlAsync(int number, CancellationToken cancellationToken = default)
    {
        var response = await ExpectOkAsync("UIDL " + Number(number), cancellationToken).ConfigureAwait(false);
        return ParseUid(response.Text, out var n, out var uid) && n == number ? uid : throw Malformed(response);
    }

    /// <summary>
    /// RETR n: the message as a stream (dot-unstuffed, CRLF line ends). Read it to the end or dispose it
    /// before the next command; a connection lost midway makes the read throw.
    /// </summary>
    public async Task<Pop3MessageStream> RetrieveAsync(int number, CancellationToken cancellationToken = default)
    {
        var response = await ExpectOkAsync("RETR " + Number(number), cancellationToken).ConfigureAwait(false);
        return OpenBody(number, AnnouncedSize(response.Text));
    }

    /// <summary>RETR n copied to <paramref name="destination"/>; returns the number of bytes written.</summary>
    public async Task<long> RetrieveToAsync(int number, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var message = await RetrieveAsync(number, cancellationToken).ConfigureAwait(false);
        await message.CopyToAsync(destination, 81920, cancellationToken).ConfigureAwait(false);
        return message.Position;
    }

    /// <summary>TOP n lines: the header, the blank line and the first <paramref name="lines"/> lines of the body, as a stream like RETR's.</summary>
    public async Task<Pop3MessageStream> TopAsync(int number, int lines, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        await ExpectOkAsync($"TOP {Number(number)} {lines.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false);
        return OpenBody(number, null);
    }

    /// <summary>DELE n: marks a message for deletion at <see cref="QuitAsync"/>; -ERR is a <see cref="Pop3CommandException"/>.</summary>
    public async Task<Pop3Response> DeleteAsync(int number, CancellationToken cancellationToken = default)
    {
        var response = await ExpectOkAsync("DELE " + Number(number), cancellationToken).ConfigureAwait(false);
        PendingDeletions++;
        return response;
    }

    private async Task<IReadOnlyList<(int Number, long Size)>> ReadListAsync(CancellationToken cancellationToken)
    {
        var list = new List<(int, long)>();
        string? bad = null;
        await ReadLinesAsync(_options.MaxListingLines, line =>
        {
            if (ParsePair(line, out var n, out var size) && n is > 0 and <= int.MaxValue)
                list.Add(((int)n, size));
            else
                bad ??= line;
        }, cancellationToken).ConfigureAwait(false);
        return bad is null ? list : throw MalformedLine(bad);
    }

    private async Task<IReadOnlyList<(int Number, string Uid)>> ReadUidListAsync(CancellationToken cancellationToken)
    {
        var list = new List<(int, string)>();
        string? bad = null;
        await ReadLinesAsync(_options.MaxListingLines, line =>
        {
            if (ParseUid(line, out var n, out var uid))
                list.Add((n, uid));
            else
                bad ??= line;
        }, cancellationToken).ConfigureAwait(false);
        return bad is null ? list : throw MalformedLine(bad);
    }

    private static string Number(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>"n m ..." (STAT, LIST): two numbers; anything after them is allowed (RFC 1939 5).</summary>
    private static bool ParsePair(string text, out long first, out long second)
    {
        first = second = 0;
        var words = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2
            && long.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && long.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out second);
    }

    /// <summary>"n uid": the uid is 1 to 70 characters from 0x21 to 0x7E (RFC 1939 7).</summary>
    private static bool ParseUid(string text, out int number, out string uid)
    {
        uid = "";
        var words = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1)
        {
            number = 0;
            return false;
        }
        uid = words[1];
        return uid.Length <= 70 && uid.All(c => c is > ' ' and < (char)0x7F);
    }

    /// <summary>The size in "+OK 1234 octets", if the server states it.</summary>
    private static long? AnnouncedSize(string text)
    {
        var first = text.Split(' ', 2)[0];
        return long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;
    }

    private ProtocolViolationException Malformed(Pop3Response response)
    {
        _connection.MarkBroken();
        return new ProtocolViolationException($"The server's answer does not have the form the command needs: \"{Printable.Escape(response.ToString())}\"");
    }

    private ProtocolViolationException MalformedLine(string line)
    {
        _connection.MarkBroken();
        return new ProtocolViolationException($"The server sent a listing line that does not parse: \"{Printable.Escape(line)}\"");
    }
}
