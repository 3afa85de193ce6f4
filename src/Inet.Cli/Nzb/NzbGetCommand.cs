using System.CommandLine;
using System.Globalization;
using Inet.Cli.Nntp;
using Inet.Core;
using Inet.News.Download;
using Inet.Nntp;
using Microsoft.Extensions.Logging;

namespace Inet.Cli.Nzb;

/// <summary>
/// <c>inet nzb get FILE.nzb --server URL [--server URL2 ...] -o DIR</c>: download with the engine. Server priority is
/// the order given; <c>?connections=N</c> on a URL overrides <c>--connections</c> for that server.
/// </summary>
internal static class NzbGetCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the NZB file" };
        var servers = new Option<string[]>("--server", "-s")
        {
            Description = "nntp[s]://[user@]host[:port][?connections=N]; repeat for backup servers, in priority order",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string>("--output", "-o") { Description = "folder for the files", Required = true };
        var connections = new Option<int>("--connections", "-c") { Description = "connections per server", DefaultValueFactory = _ => 4 };
        var depth = new Option<int>("--pipeline") { Description = "BODY commands in flight per connection", DefaultValueFactory = _ => 8 };
        var state = new Option<string?>("--state") { Description = "state file (default DIR/.inet-nzb-HASH.journal)" };
        var noPar2 = new Option<bool>("--no-par2") { Description = "skip the PAR2 check" };
        var noRepair = new Option<bool>("--no-repair") { Description = "verify with PAR2 but do not run par2 to repair" };
        var json = new Option<bool>("--json") { Description = "print a JSON summary" };
        var cached = new Option<bool>("--cached-writes") { Description = "write through the page cache (default: past it, O_DIRECT, where possible)" };
        var connection = new NntpConnectionOptions();

        var command = new Command("get", "Download the files of an NZB (several connections and servers, resumable, PAR2 check)");
        command.Arguments.Add(file);
        foreach (var o in new Option[] { servers, output, connections, depth, state, noPar2, noRepair, json, cached })
            command.Options.Add(o);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var defaultConnections = parse.GetValue(connections);
            var pipeline = parse.GetValue(depth);
            if (defaultConnections < 1 || pipeline < 1)
                throw new UsageException("--connections and --pipeline must be at least 1");
            var read = await NzbFileLoader.LoadAsync(parse.GetValue(file)!, cancellationToken).ConfigureAwait(false);
            if (read.Document.Files.Count == 0)
                throw new UsageException("the NZB lists no files");
            var factories = new List<ILoggerFactory>(); // one per server with --verbose; disposed at the end
            var list = new List<DownloadServer>();
            foreach (var url in parse.GetValue(servers) ?? [])
            {
                var question = url.IndexOf('?', StringComparison.Ordinal);
                var address = ServerAddress.Parse(question < 0 ? url : url[..question], NntpClient.Schemes);
                list.Add(new DownloadServer
                {
                    Client = connection.Build(parse, address, out var created),
                    Connections = ConnectionsFrom(url) ?? defaultConnections,
                });
                if (created is not null)
                    factories.Add(created);
            }
            using var disposeLogging = new FactoryList(factories);
            var logging = factories.FirstOrDefault();
            var options = new DownloadOptions
            {
                Servers = list,
                OutputDirectory = Path.GetFullPath(parse.GetValue(output)!),
                PipelineDepth = pipeline,
                StateFile = parse.GetValue(state),
                VerifyPar2 = !parse.GetValue(noPar2),
                RepairPar2 = !parse.GetValue(noRepair),
                DirectWrites = !parse.GetValue(cached),
                Logger = logging?.CreateLogger("nzb"),
            };
            var report = await DownloadConsole.RunAsync(new DownloadEngine(options), read, parse.GetValue(json), parse.InvocationConfiguration.Output, cancellationToken).ConfigureAwait(false);
            return report.AllOk ? ExitCodes.Ok
                : report.NetworkFailed && report.SegmentsFailed > 0 ? ExitCodes.Network
                : report.Cancelled ? ExitCodes.Failure
                : ExitCodes.ServerRefused;
        }, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>The <c>connections=N</c> query parameter of a server URL, if any.</summary>
    internal static int? ConnectionsFrom(string url)
    {
        // System.Uri leaves the query of an unknown scheme (nntp) in the path, so split it off by hand.
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
            return null;
        var query = url[(question + 1)..];
        var hash = query.IndexOf('#', StringComparison.Ordinal);
        foreach (var pair in (hash < 0 ? query : query[..hash]).Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == "connections")
            {
                if (!int.TryParse(pair[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 1000)
                    throw new UsageException($"connections must be a number from 1 to 1000 in {Printable.Escape(url)}");
                return n;
            }
        }
        return null;
    }

    private sealed class FactoryList(List<ILoggerFactory> factories) : IDisposable
    {
        public void Dispose() => factories.ForEach(f => f.Dispose());
    }
}
