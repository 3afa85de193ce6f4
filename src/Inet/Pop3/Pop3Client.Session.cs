using Inet.Core;

namespace Inet.Pop3;

public sealed partial class Pop3Client
{
    /// <summary>"+OK" opens the session; the APOP timestamp, if any, is kept. -ERR means the server will not talk to us.</summary>
    private async Task ReadGreetingAsync(CancellationToken cancellationToken)
    {
        var response = await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsOk)
        {
            _connection.MarkBroken();
            throw new Pop3CommandException(response, $"The server refused the session: {Printable.Escape(response.ToString())}");
        }
        Greeting = response;
        ApopTimestamp = FindTimestamp(response.Text);
    }

    /// <summary>
    /// CAPA (RFC 2449 5): updates <see cref="Capabilities"/>. A server that answers -ERR does not know
    /// CAPA; it then offers <see cref="Pop3Capabilities.None"/>.
    /// </summary>
    public async Task<Pop3Capabilities> CapaAsync(CancellationToken cancellationToken = default)
    {
        var response = await CommandAsync("CAPA", cancellationToken).ConfigureAwait(false);
        if (!response.IsOk)
            return Capabilities = Pop3Capabilities.None;
        var lines = new List<string>();
        await ReadLinesAsync(MaxCapaLines, lines.Add, cancellationToken).ConfigureAwait(false);
        return Capabilities = Pop3Capabilities.Parse(lines);
    }

    /// <summary>
    /// STLS (RFC 2595 4): +OK, then the TLS handshake. Whatever the server sent before the handshake is
    /// dropped (it could be an injection), and CAPA is asked again: the first answer was not protected.
    /// -ERR is a <see cref="TlsUnavailableException"/>.
    /// </summary>
    public async Task StartTlsAsync(CancellationToken cancellationToken = default)
    {
        var response = await CommandAsync("STLS", cancellationToken).ConfigureAwait(false);
        if (!response.IsOk)
            throw new TlsUnavailableException($"The server refused STLS: {Printable.Escape(response.ToString())}", response.ToReply());
        await _connection.StartTlsAsync(cancellationToken).ConfigureAwait(false);
        Capabilities = Pop3Capabilities.None;
        await CapaAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>NOOP: checks the session is alive and in step.</summary>
    public Task<Pop3Response> NoopAsync(CancellationToken cancellationToken = default) => ExpectOkAsync("NOOP", cancellationToken);

    /// <summary>RSET: unmarks every message marked with DELE in this session.</summary>
    public async Task<Pop3Response> ResetAsync(CancellationToken cancellationToken = default)
    {
        var response = await ExpectOkAsync("RSET", cancellationToken).ConfigureAwait(false);
        PendingDeletions = 0;
        return response;
    }

    private async Task ApplyStartTlsPolicyAsync(CancellationToken cancellationToken)
    {
        if (IsSecure || _options.StartTls == StartTlsPolicy.Never)
            return;
        if (Capabilities.Stls)
            await StartTlsAsync(cancellationToken).ConfigureAwait(false);
        else if (_options.StartTls == StartTlsPolicy.Always)
            throw new TlsUnavailableException("The server does not offer STLS, and TLS was required. Nothing else was sent.");
    }

    /// <summary>The first "&lt;...@...&gt;" in the greeting (RFC 1939 7), or null.</summary>
    internal static string? FindTimestamp(string greeting)
    {
        var start = greeting.IndexOf('<', StringComparison.Ordinal);
        if (start < 0)
            return null;
        var end = greeting.IndexOf('>', start + 1);
        if (end < 0)
            return null;
        var candidate = greeting[start..(end + 1)];
        return candidate.Contains('@', StringComparison.Ordinal) && candidate.AsSpan(1).IndexOfAny("< \t") < 0 ? candidate : null;
    }
}
