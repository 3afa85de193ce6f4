using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Inet.Core;
using Inet.Nntp;

namespace Inet.Benchmarks.Nntp;

/// <summary>
/// BODY of a ~750 KB dot-stuffed yEnc article over loopback, per article. The fake server runs in
/// this process here, so "Allocated" includes its few objects per command; the `download` runner
/// keeps the server in another process for the client-only figure.
/// </summary>
[MemoryDiagnoser]
public class DownloadBenchmarks
{
    private const int Batch = 32;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private Task _serving = Task.CompletedTask;
    private NntpClient? _client;
    private ArticleId[] _ids = [];

    [GlobalSetup]
    public async Task Setup()
    {
        _listener = FakeNntpServer.Listen(out var port);
        _serving = FakeNntpServer.AcceptLoopAsync(_listener, BodyData.Create().Wire, _stop.Token);
        _client = await NntpClient.ConnectAsync(new NntpClientOptions { Connection = new ConnectionSettings { Host = "127.0.0.1", Port = port } });
        _ids = Enumerable.Range(1, Batch).Select(i => ArticleId.ByMessageId($"<part{i}of{Batch}.bench@powerpost2000AA.local>")).ToArray();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_client is not null)
            await _client.QuitAsync();
        await _stop.CancelAsync();
        _listener?.Dispose();
        await _serving;
        _stop.Dispose();
    }

    [Benchmark(Description = "BODY one at a time (per article)", OperationsPerInvoke = Batch)]
    public async Task OneAtATime()
    {
        foreach (var id in _ids)
            await _client!.CopyBodyToAsync(id, Stream.Null);
    }

    [Benchmark(Description = "BODY pipelined depth 16 (per article)", OperationsPerInvoke = Batch)]
    public async Task Pipelined()
    {
        await foreach (var item in _client!.PipelineAsync("BODY", _ids, 16))
            await item.Body!.CopyToAsync(Stream.Null);
    }
}
