using System.CommandLine;
using System.Net;
using Inet.Core;
using Inet.Nntp.Server;
using Microsoft.Extensions.Logging;

namespace Inet.Cli;

/// <summary><c>inet serve</c>: runs the embedded NNTP server until interrupted.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port to listen on (0 picks a free port)", DefaultValueFactory = _ => 1119 };
        var host = new Option<string>("--host") { Description = "address to bind; loopback unless you say otherwise", DefaultValueFactory = _ => "127.0.0.1" };
        var user = new Option<string?>("--user") { Description = "require AUTHINFO USER/PASS with this user name" };
        var passwordFile = new Option<string?>("--password-file") { Description = "the password for --user is the first line of FILE" };
        var tls = new Option<bool>("--tls") { Description = "offer STARTTLS with a generated self-signed certificate" };
        var certOut = new Option<string?>("--cert-out") { Description = "with --tls: write the certificate (PEM) to FILE, for clients' --ca-file" };
        var folder = new Option<string?>("--folder") { Description = "persist groups and articles in this folder" };
        var groups = new Option<string[]>("--group") { Description = "create this newsgroup (repeatable); local.test when the store has none", AllowMultipleArgumentsPerToken = true };
        var noPosting = new Option<bool>("--no-posting") { Description = "refuse POST (greeting 201)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "log connections and commands (passwords redacted) on stderr" };

        var command = new Command("serve", "Run a small NNTP server (in memory, or persisted with --folder) until Ctrl+C.");
        foreach (var option in new Option[] { port, host, user, passwordFile, tls, certOut, folder, groups, noPosting, verbose })
            command.Options.Add(option);
        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
        {
            var settings = new ServeSettings(
                result.GetValue(host)!, result.GetValue(port), result.GetValue(user), result.GetValue(passwordFile),
                result.GetValue(tls), result.GetValue(folder), result.GetValue(groups) ?? [], !result.GetValue(noPosting))
            {
                CertificateOut = result.GetValue(certOut),
                Verbose = result.GetValue(verbose),
            };
            return RunAsync(settings, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs the server until <paramref name="cancellationToken"/> fires; returns the exit code.</summary>
    internal static Task<int> RunAsync(ServeSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
        => CliRunner.RunAsync(() => ServeAsync(settings, output, error, cancellationToken), error);

    private static async Task<int> ServeAsync(ServeSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var address = ParseHost(settings.Host);
        if (settings.Port is < 0 or > 65535)
            throw new UsageException("--port must be between 0 and 65535.");
        if ((settings.User is null) != (settings.PasswordFile is null))
            throw new UsageException("--user and --password-file go together.");
        if (settings.CertificateOut is not null && !settings.Tls)
            throw new UsageException("--cert-out needs --tls.");
        string? password = null;
        if (settings.PasswordFile is not null)
        {
            string text = await File.ReadAllTextAsync(settings.PasswordFile, cancellationToken).ConfigureAwait(false);
            password = text.Split('\n')[0].TrimEnd('\r');
        }

        IArticleStore store = settings.Folder is null
            ? new InMemoryArticleStore()
            : await FolderArticleStore.OpenAsync(settings.Folder, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var logging = settings.Verbose
            ? LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Trace))
            : null;
        try
        {
            foreach (string group in settings.Groups)
                await store.CreateGroupAsync(group, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (store.GetGroups().Count == 0)
                await store.CreateGroupAsync("local.test", "Local test group", cancellationToken: cancellationToken).ConfigureAwait(false);

            var options = new NntpServerOptions
            {
                Address = address,
                Port = settings.Port,
                Store = store,
                UserName = settings.User,
                Password = password,
                EnableStartTls = settings.Tls,
                PostingAllowed = settings.PostingAllowed,
                Logger = logging?.CreateLogger("inet.serve"),
            };
            await using var server = new NntpServer(options);
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            if (settings.CertificateOut is not null)
                await File.WriteAllTextAsync(settings.CertificateOut, server.Certificate!.ExportCertificatePem() + "\n", cancellationToken).ConfigureAwait(false);
            if (!IPAddress.IsLoopback(address))
                await error.WriteLineAsync($"inet serve: warning: listening on {address}, which is not a loopback address.").ConfigureAwait(false);
            string features = (settings.Tls ? ", STARTTLS" : "") + (settings.User is not null ? ", AUTHINFO required" : "")
                + (settings.Folder is not null ? ", folder " + settings.Folder : ", in memory");
            await output.WriteLineAsync($"Listening on {server.EndPoint} ({store.GetGroups().Count} groups{features}). Press Ctrl+C to stop.").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or the caller's token: stop cleanly.
            }
            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await output.WriteLineAsync("Stopped.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    private static IPAddress ParseHost(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;
        return IPAddress.TryParse(host, out var address)
            ? address
            : throw new UsageException($"--host must be an IP address or localhost, not '{host}'.");
    }
}
