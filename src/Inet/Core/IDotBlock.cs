namespace Inet.Core;

/// <summary>A dot-terminated block being read off a connection: how far it got, and how to skip the rest.</summary>
internal interface IDotBlock
{
    /// <summary>True once the terminating "." line has been read.</summary>
    bool IsCompleted { get; }

    /// <summary>True when reading failed: the block is incomplete and the connection out of step.</summary>
    bool IsFaulted { get; }

    /// <summary>Bytes handed out so far.</summary>
    long BytesRead { get; }

    /// <summary>Reads and discards the rest of the block so the connection stays in step.</summary>
    Task DrainAsync(CancellationToken cancellationToken = default);
}
