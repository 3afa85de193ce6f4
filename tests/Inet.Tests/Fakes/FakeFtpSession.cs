using System.Net.Sockets;
using System.Text;

namespace Inet.Tests.Fakes;

/// <summary>One control connection of a <see cref="FakeFtpServer"/>: reads commands, answers them.</summary>
internal sealed partial class FakeFtpSession : IAsyncDisposable
{
    private const int MaxLineLength = 8192;

    private readonly FakeFtpServer _server;
    private readonly TcpClient _control;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[MaxLineLength];
    private int _start;
    private int _end;
    private string? _user;
    private bool _loggedIn;
    private string _cwd = "/";

    public FakeFtpSession(FakeFtpServer server, TcpClient control)
    {
        _server = server;
        _control = control;
        _stream = control.GetStream();
    }

    private FakeFtpTree Tree => _server.Tree;

    private bool Offers(FakeFtpFeatures feature) => (_server.Features & feature) == feature;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await ReplyAsync(220, "FakeFtp ready.");
        while (await ReadLineAsync(cancellationToken) is { } line)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var argument = space < 0 ? "" : line[(space + 1)..];
            _server.Stats.Command(verb == "PASS" ? "PASS ****" : line);
            if (!await HandleAsync(verb, argument, cancellationToken))
                return;
        }
    }

    /// <summary>Answers one command; false ends the session (QUIT, or a fault that drops the connection).</summary>
    private async Task<bool> HandleAsync(string verb, string argument, CancellationToken cancellationToken)
    {
        switch (verb)
        {
            case "USER":
                _user = argument;
                _loggedIn = false;
                await ReplyAsync(331, "Please specify the password.");
                return true;
            case "PASS":
                _loggedIn = _user == _server.UserName && argument == _server.Password;
                await (_loggedIn ? ReplyAsync(230, "Login successful.") : ReplyAsync(530, "Login incorrect."));
                return true;
            case "QUIT":
                await ReplyAsync(221, "Goodbye.");
                return false;
            case "FEAT":
                await FeaturesAsync();
                return true;
            case "SYST":
                await ReplyAsync(215, "UNIX Type: L8");
                return true;
            case "NOOP":
                await ReplyAsync(200, "NOOP ok.");
                return true;
            case "OPTS":
                await (Offers(FakeFtpFeatures.Utf8) && argument.Equals("UTF8 ON", StringComparison.OrdinalIgnoreCase)
                    ? ReplyAsync(200, "Always in UTF8 mode.") : ReplyAsync(501, "Option not understood."));
                return true;
        }
        if (!_loggedIn)
        {
            await ReplyAsync(530, "Please login with USER and PASS.");
            return true;
        }
        return await HandleFileCommandAsync(verb, argument) || await HandleTransferAsync(verb, argument, cancellationToken);
    }

    private Task FeaturesAsync()
    {
        var lines = new List<string>();
        if (Offers(FakeFtpFeatures.Epsv)) lines.Add("EPSV");
        if (Offers(FakeFtpFeatures.Mdtm)) lines.Add("MDTM");
        if (Offers(FakeFtpFeatures.Mfmt)) lines.Add("MFMT");
        if (Offers(FakeFtpFeatures.Mlst)) lines.Add("MLST type*;size*;modify*;perm*;unique*;");
        lines.Add("PASV");
        if (Offers(FakeFtpFeatures.RestStream)) lines.Add("REST STREAM");
        if (Offers(FakeFtpFeatures.Size)) lines.Add("SIZE");
        if (Offers(FakeFtpFeatures.Utf8)) lines.Add("UTF8");
        return ReplyLinesAsync(211, "Features:", lines, "End");
    }

    private Task ReplyAsync(int code, string text) => WriteAsync($"{code} {text}\r\n");

    /// <summary>A multi-line reply: "code-first", each line indented by one space, "code last".</summary>
    private Task ReplyLinesAsync(int code, string first, IEnumerable<string> lines, string last)
    {
        var text = new StringBuilder().Append(code).Append('-').Append(first).Append("\r\n");
        foreach (var line in lines)
            text.Append(' ').Append(line).Append("\r\n");
        text.Append(code).Append(' ').Append(last).Append("\r\n");
        return WriteAsync(text.ToString());
    }

    private async Task WriteAsync(string text) => await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>One command line without its CRLF (or bare LF); null when the client closed.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, lf - _start);
                _start = lf + 1;
                return line.EndsWith('\r') ? line[..^1] : line;
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
                throw new InvalidDataException("The client sent a command line that is too long.");
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
                return null;
            _end += read;
        }
    }

    public async ValueTask DisposeAsync()
    {
        ClosePassive();
        await _stream.DisposeAsync();
        _control.Dispose();
    }
}
