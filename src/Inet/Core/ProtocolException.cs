namespace Inet.Core;

/// <summary>A well-formed server reply that refuses what was asked (the server said no).</summary>
public class ProtocolException : Exception
{
    public ProtocolException(Reply reply, string? message = null)
        : base(message ?? $"Server replied {reply.Code}: {Printable.Escape(reply.Text)}")
    {
        Reply = reply;
    }

    /// <summary>The reply the server sent.</summary>
    public Reply Reply { get; }

    /// <summary>The three-digit reply code.</summary>
    public int Code => Reply.Code;

    /// <summary>The reply text after the code.</summary>
    public string Text => Reply.Text;

    /// <summary>True for 4xx replies: the same command may succeed later.</summary>
    public bool IsTransient => Reply.IsTransientNegative;
}
