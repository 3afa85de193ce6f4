using System.Globalization;

namespace Inet.Nntp.Server;

/// <summary>Session commands of RFC 3977 section 5: CAPABILITIES, MODE READER, QUIT, plus DATE and HELP (7.1, 7.2).</summary>
internal sealed partial class NntpSession
{
    private static readonly string[] s_help =
    [
        "ARTICLE [message-id|number]",
        "AUTHINFO USER name|PASS password",
        "BODY [message-id|number]",
        "CAPABILITIES [keyword]",
        "COMPRESS DEFLATE",
        "DATE",
        "GROUP newsgroup",
        "HDR header [message-id|range]",
        "HEAD [message-id|number]",
        "HELP",
        "IHAVE message-id",
        "LAST",
        "LIST [ACTIVE|ACTIVE.TIMES|NEWSGROUPS [wildmat]]|[HEADERS [MSGID|RANGE]]|[OVERVIEW.FMT]",
        "LISTGROUP [newsgroup [range]]",
        "MODE READER",
        "NEWGROUPS [yy]yymmdd hhmmss [GMT]",
        "NEWNEWS wildmat [yy]yymmdd hhmmss [GMT]",
        "NEXT",
        "OVER [range|message-id]",
        "POST",
        "QUIT",
        "STARTTLS",
        "STAT [message-id|number]",
        "XHDR header [range|message-id]",
        "XOVER [range]",
        "XPAT header range|message-id pattern [pattern ...]",
    ];

    private Task CapabilitiesAsync()
    {
        _writer.WriteStatus(101, "Capability list:");
        _writer.WriteLine("VERSION 2");
        _writer.WriteLine("IMPLEMENTATION Inet NntpServer");
        // Per RFC 4643, nothing but the means to authenticate is offered before authentication.
        bool locked = _options.RequiresAuthentication && !_authenticated;
        if (!locked)
        {
            _writer.WriteLine("READER");
            _writer.WriteLine("HDR");
            _writer.WriteLine("OVER MSGID");
            _writer.WriteLine("NEWNEWS");
            _writer.WriteLine("LIST ACTIVE ACTIVE.TIMES HEADERS NEWSGROUPS OVERVIEW.FMT");
            if (PostingAllowed)
                _writer.WriteLine("POST");
            if (_options.IHaveAllowed)
                _writer.WriteLine("IHAVE");
            if (_options.EnableCompression && _compressed is null)
                _writer.WriteLine("COMPRESS DEFLATE");
        }
        if (_options.EnableStartTls && !_tls && !_authenticated)
            _writer.WriteLine("STARTTLS");
        // RFC 4643 2.1: a bare AUTHINFO means "available, but not on this connection yet" (needs TLS).
        if (_options.RequiresAuthentication && !_authenticated)
            _writer.WriteLine(_options.AuthenticationRequiresTls && !_tls ? "AUTHINFO" : "AUTHINFO USER");
        _writer.WriteTerminator();
        return Task.CompletedTask;
    }

    private Task ModeAsync(string[] args)
    {
        if (args.Length != 2 || !args[1].Equals("READER", StringComparison.OrdinalIgnoreCase))
            return Reply(501, "Syntax: MODE READER");
        return PostingAllowed ? Reply(200, "Posting allowed") : Reply(201, "Posting prohibited");
    }

    private Task DateAsync(string[] args)
    {
        if (args.Length != 1)
            return Reply(501, "Syntax: DATE");
        return Reply(111, DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
    }

    private Task HelpAsync()
    {
        _writer.WriteStatus(100, "Help text follows");
        foreach (string line in s_help)
            _writer.WriteLine(line);
        _writer.WriteTerminator();
        return Task.CompletedTask;
    }

    private Task QuitAsync()
    {
        _quit = true;
        return Reply(205, "Connection closing");
    }
}
