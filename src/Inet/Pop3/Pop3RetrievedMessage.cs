namespace Inet.Pop3;

/// <summary>One answer in a pipelined RETR/TOP batch: the message number, the status line, and on +OK the content.</summary>
public sealed record Pop3RetrievedMessage(int Number, Pop3Response Response, Pop3MessageStream? Content)
{
    public bool Succeeded => Response.IsOk;
}
