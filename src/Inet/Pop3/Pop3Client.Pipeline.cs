using System.Globalization;
using System.Runtime.CompilerServices;

namespace Inet.Pop3;

public sealed partial class Pop3Client
{
    /// <summary>Commands in flight at once: the options' window when CAPA lists PIPELINING (RFC 2449 6.6), else one.</summary>
    private int Window => Capabilities.Pipelining ? _options.PipelineWindow : 1;

    /// <summary>
    /// RETR (or TOP n <paramref name="topLines"/>) for many messages, with up to
    /// <see cref="Pop3ClientOptions.PipelineWindow"/> commands in flight when the server offers
    /// PIPELINING, yielding the answers in order. An -ERR is yielded, not thrown. Each content stream is
    /// valid until the next item is requested (the rest of it is skipped then).
    /// </summary>
    public async IAsyncEnumerable<Pop3RetrievedMessage> RetrieveManyAsync(IReadOnlyList<int> numbers, int? topLines = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        if (topLines is < 0)
            throw new ArgumentOutOfRangeException(nameof(topLines));
        var commands = numbers.Select(n => topLines is { } lines ? $"TOP {Number(n)} {lines.ToString(CultureInfo.InvariantCulture)}" : "RETR " + Number(n)).ToArray();
        await DrainOpenBodyAsync(cancellationToken).ConfigureAwait(false);
        EnsureUsable();
        var window = Window;
        var sent = 0;
        while (sent < commands.Length && sent < window)
            _connection.WriteLine(commands[sent++]);
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        var answered = 0;
        try
        {
            for (; answered < commands.Length; answered++)
            {
                var response = await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
                if (sent < commands.Length)
                {
                    // Keep the pipe full: the next command goes out before this message is read.
                    _connection.WriteLine(commands[sent++]);
                    await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                if (!response.IsOk)
                {
                    yield return new Pop3RetrievedMessage(numbers[answered], response, null);
                    continue;
                }
                var content = OpenBody(numbers[answered], topLines is null ? AnnouncedSize(response.Text) : null);
                yield return new Pop3RetrievedMessage(numbers[answered], response, content);
                await DrainOpenBodyAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // The caller stopped early: the answers to commands already sent are still coming. Skip them
            // so the session stays in step (at most a window's worth).
            if (answered < sent && _connection.IsUsable)
                await SkipAnswersAsync(sent - answered - 1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Skips the message being read and the next <paramref name="count"/> RETR/TOP answers.</summary>
    private async Task SkipAnswersAsync(int count, CancellationToken cancellationToken)
    {
        await DrainOpenBodyAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            var response = await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsOk)
            {
                OpenBody(0, null);
                await DrainOpenBodyAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// LIST and UIDL together (one round trip when the server offers PIPELINING): every message's number,
    /// size and unique id. The id is null when the server does not know UIDL.
    /// </summary>
    public async Task<IReadOnlyList<Pop3MessageInfo>> ListWithUidsAsync(CancellationToken cancellationToken = default)
    {
        await DrainOpenBodyAsync(cancellationToken).ConfigureAwait(false);
        EnsureUsable();
        var pipelined = Capabilities.Pipelining;
        _connection.WriteLine("LIST");
        if (pipelined)
            _connection.WriteLine("UIDL");
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        var list = await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<(int Number, long Size)> sizes = list.IsOk ? await ReadListAsync(cancellationToken).ConfigureAwait(false) : [];
        Pop3Response uidl;
        if (pipelined)
            uidl = await ReadResponseAsync(cancellationToken).ConfigureAwait(false); // answered whatever LIST said
        else if (list.IsOk)
            uidl = await CommandAsync("UIDL", cancellationToken).ConfigureAwait(false);
        else
            throw new Pop3CommandException(list);
        IReadOnlyList<(int Number, string Uid)> uids = uidl.IsOk ? await ReadUidListAsync(cancellationToken).ConfigureAwait(false) : [];
        if (!list.IsOk)
            throw new Pop3CommandException(list);
        var byNumber = new Dictionary<int, string>(uids.Count);
        foreach (var (number, uid) in uids)
            byNumber[number] = uid;
        return [.. sizes.Select(s => new Pop3MessageInfo(s.Number, s.Size, byNumber.GetValueOrDefault(s.Number)))];
    }

    /// <summary>
    /// DELE for many messages, pipelined when the server offers it; the answers in order (an -ERR is
    /// returned, not thrown). The deletions take effect at <see cref="QuitAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<Pop3Response>> DeleteManyAsync(IReadOnlyList<int> numbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var commands = numbers.Select(n => "DELE " + Number(n)).ToArray();
        await DrainOpenBodyAsync(cancellationToken).ConfigureAwait(false);
        EnsureUsable();
        var results = new List<Pop3Response>(commands.Length);
        var window = Math.Max(Window, Capabilities.Pipelining ? 64 : 1); // DELE answers are one short line each
        for (var start = 0; start < commands.Length; start += window)
        {
            var end = Math.Min(commands.Length, start + window);
            for (var i = start; i < end; i++)
                _connection.WriteLine(commands[i]);
            await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            for (var i = start; i < end; i++)
            {
                var response = await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsOk)
                    PendingDeletions++;
                results.Add(response);
            }
        }
        return results;
    }
}
