using System.CommandLine;
using System.Net;
using Inet.Core;
using Inet.Nntp.Server;

namespace Inet.Cli;

/// <summary><c>inet serve</c>: runs the embedded NNTP server until interrupted.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port to listen on (0 picks a free port)", DefaultValueFactory = _ => 1119 };
        var host = new Option<string>("--host") { Description = "Address to bind; loopback unless you say otherwise", DefaultValueFactory = _ => "127.0.0.1" };
        var user = new Option<string?>("--user") { Description = "Require AUTHINFO USER/PASS with this user name" };
        var passwordFile = new Option<FileInfo?>("--password-file") { Description = "File whose first line is the password for --user" };
        var tls = new Option<bool>("--tls") { Description = "Offer STARTTLS with a generated self-signed certificate" };
        var folder = new Option<DirectoryInfo?>("--folder") { Description = "Persist groups and articles in this folder" };
        var groups = new Option<string[]>("--group") { Description = "Create this newsgroup (repeatable); local.test when the store has none", AllowMultipleArgumentsPerToken = true };
        var noPosting = new Option<bool>("--no-posting") { Description = "Refuse POST (greeting 201)" };

        var command = new Command("serve", "Run a small NNTP server (in memory, or persisted with --folder).");
        foreach (var option in new Option[] { port, host, user, passwordFile, tls, folder, groups, noPosting })
            command.Options.Add(option);
        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
        {
            var settings = new ServeSettings(
                result.GetValue(host)!, result.GetValue(port), result.GetValue(user), result.GetValue(passwordFile),
                result.GetValue(tls), result.GetValue(folder), result.GetValue(groups) ?? [], !result.GetValue(noPosting));
            return RunAsync(settings, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    internal static async Task<int> RunAsync(ServeSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParseHost(settings.Host, out var address))
        {
            await error.WriteLineAsync($"inet serve: --host must be an IP address or localhost, not '{settings.Host}'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        if (settings.Port is < 0 or > 65535)
        {
            await error.WriteLineAsync("inet serve: --port must be between 0 and 65535.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        if ((settings.User is null) != (settings.PasswordFile is null))
        {
            await error.WriteLineAsync("inet serve: --user and --password-file go together.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        string? password = null;
        if (settings.PasswordFile is not null)
        {
            string text = await File.ReadAllTextAsync(settings.PasswordFile.FullName, cancellationToken).ConfigureAwait(false);
            password = text.Split('\n')[0].TrimEnd('\r');
        }

        IArticleStore store = settings.Folder is null
            ? new InMemoryArticleStore()
            : await FolderArticleStore.OpenAsync(settings.Folder.FullName, cancellationToken: cancellationToken).ConfigureAwait(false);
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
            };
            await using var server = new NntpServer(options);
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            string features = (settings.Tls ? ", STARTTLS" : "") + (settings.User is not null ? ", AUTHINFO required" : "");
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

    private static bool TryParseHost(string host, out IPAddress address)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }
        return IPAddress.TryParse(host, out address!);
    }
}
