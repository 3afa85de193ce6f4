namespace Inet.Core;

/// <summary>
/// A source whose blocking reads cost less than its asynchronous ones (a socket still in blocking mode):
/// <see cref="BlockPump"/> fills each block with them on a pool thread, woken by the kernel directly.
/// </summary>
internal interface IBlockingSource
{
    /// <summary>Whether blocking reads are the cheaper way now; when false the pump reads asynchronously.</summary>
    bool ReadsBlocking { get; }

    /// <summary>Reads what has arrived, waiting for it (0 at the end).</summary>
    int ReadBlocking(Span<byte> buffer);

    /// <summary>Ends a blocking read under way from another thread (cancellation); the source is unusable after.</summary>
    void Abort();
}
