using Inet.Core;

namespace Inet.Ftp;

public sealed partial class FtpClient
{
    /// <summary>
    /// Logs in (RFC 959 5.4): USER, then PASS on 331, then ACCT on 332 when an account is given.
    /// 230 (or 202) means logged in; 530 is an <see cref="AuthenticationFailedException"/>. The
    /// password and account never reach the log. The anonymous user without a password sends
    /// <see cref="FtpClientOptions.AnonymousPassword"/>, as ftplib does.
    /// </summary>
    public async Task LoginAsync(string userName, string? password, string? account = null, CancellationToken cancellationToken = default)
    {
        CommandGuard.Check(userName, nameof(userName));
        if (password is not null)
            CommandGuard.Check(password, nameof(password));
        if (account is not null)
            CommandGuard.Check(account, nameof(account));
        if (string.IsNullOrEmpty(password) && userName.Equals(FtpClientOptions.AnonymousUser, StringComparison.OrdinalIgnoreCase))
            password = FtpClientOptions.AnonymousPassword;
        var reply = await CommandAsync("USER " + userName, cancellationToken).ConfigureAwait(false);
        if (reply.Code == 331)
        {
            await SendSensitiveAsync("PASS ", password ?? "", cancellationToken).ConfigureAwait(false);
            reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        }
        if (reply.Code == 332)
        {
            if (account is null)
                throw new AuthenticationFailedException(reply); // the server wants an account and none was given
            await SendSensitiveAsync("ACCT ", account, cancellationToken).ConfigureAwait(false);
            reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        }
        if (!reply.IsPositiveCompletion)
            throw Refusal(reply);
        IsAuthenticated = true;
    }

    /// <summary>SYST (215): the system type, e.g. "UNIX Type: L8".</summary>
    public async Task<string> SystAsync(CancellationToken cancellationToken = default) =>
        (await ExpectAsync("SYST", 215, cancellationToken).ConfigureAwait(false)).Text;

    /// <summary>
    /// FEAT (211, RFC 2389): the extensions offered. A server that does not know FEAT (5xx) offers
    /// none. Updates <see cref="Features"/>.
    /// </summary>
    public async Task<FtpFeatures> FeatAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CommandAsync("FEAT", cancellationToken).ConfigureAwait(false);
        if (reply.Code == 211)
            Features = FtpFeatures.FromReply(reply);
        else if (reply.IsPermanentNegative)
            Features = FtpFeatures.Unknown;
        else
            throw Refusal(reply);
        return Features;
    }

    /// <summary>OPTS UTF8 ON (RFC 2640): path names in UTF-8; 2xx expected.</summary>
    public Task OptsUtf8Async(CancellationToken cancellationToken = default) =>
        ExpectAsync("OPTS UTF8 ON", 2, cancellationToken);

    /// <summary>NOOP (200): keeps the session alive and checks it is in step.</summary>
    public Task NoopAsync(CancellationToken cancellationToken = default) =>
        ExpectAsync("NOOP", 2, cancellationToken);

    /// <summary>STAT, or STAT path (211/212/213): the server's status or a listing over the control connection.</summary>
    public Task<Reply> StatAsync(string? path = null, CancellationToken cancellationToken = default) =>
        ExpectAsync(path is null ? "STAT" : Command("STAT", path, nameof(path)), 2, cancellationToken);

    /// <summary>HELP, or HELP command (211/214): the help text is in the reply's lines.</summary>
    public Task<Reply> HelpAsync(string? command = null, CancellationToken cancellationToken = default) =>
        ExpectAsync(command is null ? "HELP" : Command("HELP", command, nameof(command)), 2, cancellationToken);

    /// <summary>SITE arguments: a server-specific command; 2xx expected.</summary>
    public Task<Reply> SiteAsync(string arguments, CancellationToken cancellationToken = default) =>
        ExpectAsync(Command("SITE", arguments, nameof(arguments)), 2, cancellationToken);

    /// <summary>
    /// Sends any command and returns its 1xx, 2xx or 3xx reply (ftplib's sendcmd); 4xx and 5xx
    /// throw. Use the typed methods where one exists.
    /// </summary>
    public async Task<Reply> SendCommandAsync(string command, CancellationToken cancellationToken = default)
    {
        var reply = await RawCommandAsync(CommandGuard.Check(command, nameof(command)), cancellationToken).ConfigureAwait(false);
        return reply.Code < 400 ? reply : throw Refusal(reply);
    }

    /// <summary>Sends any command and throws unless the reply is 2xx (ftplib's voidcmd).</summary>
    public async Task<Reply> VoidCommandAsync(string command, CancellationToken cancellationToken = default)
    {
        var reply = await RawCommandAsync(CommandGuard.Check(command, nameof(command)), cancellationToken).ConfigureAwait(false);
        return reply.IsPositiveCompletion ? reply : throw Refusal(reply);
    }

    /// <summary>A caller's own command line; the argument of PASS or ACCT is kept out of the log, as ftplib's sanitize does.</summary>
    private async Task<Reply> RawCommandAsync(string command, CancellationToken cancellationToken)
    {
        var space = command.IndexOf(' ', StringComparison.Ordinal);
        var verb = space < 0 ? command : command[..space];
        if (space >= 0 && (verb.Equals("PASS", StringComparison.OrdinalIgnoreCase) || verb.Equals("ACCT", StringComparison.OrdinalIgnoreCase)))
        {
            await SendSensitiveAsync(command[..(space + 1)], command[(space + 1)..], cancellationToken).ConfigureAwait(false);
            return await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        }
        return await CommandAsync(command, cancellationToken).ConfigureAwait(false);
    }
}
