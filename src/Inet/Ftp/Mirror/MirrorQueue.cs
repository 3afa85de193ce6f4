using System.Threading.Channels;

namespace Inet.Ftp.Mirror;

/// <summary>
/// Files waiting for a worker. The queue ends when the walk is over and every file is finished, so a file a
/// worker hands back (it could not connect) is still taken by another.
/// </summary>
internal sealed class MirrorQueue
{
    private readonly Channel<MirrorFile> _channel = Channel.CreateUnbounded<MirrorFile>();
    private readonly Lock _gate = new();
    private int _pending;
    private bool _walkDone;

    public ChannelReader<MirrorFile> Reader => _channel.Reader;

    public void Add(MirrorFile file)
    {
        lock (_gate)
            _pending++;
        _channel.Writer.TryWrite(file);
    }

    /// <summary>Puts a file back for another worker; it stays pending.</summary>
    public void Requeue(MirrorFile file) => _channel.Writer.TryWrite(file);

    /// <summary>A file is done with, copied or failed.</summary>
    public void Finished()
    {
        lock (_gate)
        {
            _pending--;
            if (_walkDone && _pending == 0)
                _channel.Writer.TryComplete();
        }
    }

    public void WalkDone()
    {
        lock (_gate)
        {
            _walkDone = true;
            if (_pending == 0)
                _channel.Writer.TryComplete();
        }
    }

    /// <summary>Ends the queue at once (the run is stopping); waiting files are dropped.</summary>
    public void Abort() => _channel.Writer.TryComplete();
}
