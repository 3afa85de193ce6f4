using System.Net;
using System.Text;

namespace Inet.Nntp.Server;

/// <summary>What an <see cref="NntpFaults.OnCommand"/> hook sees, and what it can do instead of the normal reply.</summary>
public sealed class NntpFaultContext
{
    private readonly ReplyWriter _writer;

    internal NntpFaultContext(ReplyWriter writer, string commandLine, string verb, EndPoint? remote)
    {
        _writer = writer;
        CommandLine = commandLine;
        Verb = verb;
        RemoteEndPoint = remote;
    }

    /// <summary>The command line as received, without CRLF.</summary>
    public string CommandLine { get; }

    /// <summary>The command verb in upper case (e.g. <c>BODY</c>).</summary>
    public string Verb { get; }

    /// <summary>The client's address.</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>Set to close the connection right after the hook returns.</summary>
    public bool Disconnect { get; set; }

    /// <summary>Queue a line (CRLF is appended) to the client.</summary>
    public void SendLine(string line) => _writer.WriteLine(line);

    /// <summary>Queue raw bytes to the client, exactly as given.</summary>
    public void SendRaw(ReadOnlySpan<byte> bytes) => _writer.Write(bytes);

    /// <summary>Queue raw text (UTF-8) to the client, exactly as given.</summary>
    public void SendRaw(string text) => _writer.Write(Encoding.UTF8.GetBytes(text));
}
