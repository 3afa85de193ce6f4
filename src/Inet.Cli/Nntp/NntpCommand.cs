using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Inet.Core;
using Inet.Nntp;
using Microsoft.Extensions.Logging;

namespace Inet.Cli.Nntp;

/// <summary><c>inet nntp URL VERB [ARGS]</c>: one NNTP command from the shell.</summary>
internal static class NntpCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "nntp://[user@]host[:port] or nntps://..." };
        var verb = new Argument<string>("verb") { Description = "capabilities, list, group, listgroup, over, hdr, article, head, body, stat, post, date, newgroups, newnews" };
        var args = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore, Description = "arguments of the verb" };
        var json = new Option<bool>("--json") { Description = "machine-readable output" };
        var output = new Option<string?>("--output", "-o") { Description = "write article/head/body to FILE (byte-exact)" };
        var group = new Option<string?>("--group", "-g") { Description = "select this group first (for article numbers)" };
        var passwordFile = new Option<string?>("--password-file") { Description = "read the password from the first line of FILE" };
        var startTls = new Option<bool>("--starttls") { Description = "upgrade with STARTTLS (required)" };
        var caFile = new Option<string?>("--ca-file") { Description = "trust this PEM certificate as a root" };
        var insecure = new Option<bool>("--insecure") { Description = "do not validate the server certificate (dangerous)" };
        var compress = new Option<bool>("--compress") { Description = "use COMPRESS DEFLATE when offered" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "print the protocol transcript (passwords redacted) on stderr" };

        var command = new Command("nntp", "Run one NNTP command: inet nntp URL VERB [ARGS]");
        foreach (var a in new Argument[] { url, verb, args }) command.Arguments.Add(a);
        foreach (var o in new Option[] { json, output, group, passwordFile, startTls, caFile, insecure, compress, verbose }) command.Options.Add(o);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var address = ServerAddress.Parse(parse.GetValue(url)!, NntpClient.Schemes);
            var (user, password) = CredentialResolver.Resolve(address, parse.GetValue(passwordFile), "INET_PASSWORD");
            var roots = parse.GetValue(caFile) is { } ca ? new X509Certificate2Collection(X509CertificateLoader.LoadCertificateFromFile(ca)) : null;
            using var logging = parse.GetValue(verbose) ? LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Trace).AddFilter(_ => true)) : null;
            var options = new NntpClientOptions
            {
                Connection = new ConnectionSettings
                {
                    Host = address.Host,
                    Port = address.Port,
                    UseImplicitTls = address.ImplicitTls,
                    TrustedRootCertificates = roots,
                    DangerousAcceptAnyServerCertificate = parse.GetValue(insecure),
                },
                UserName = user,
                Password = password,
                RequireStartTls = parse.GetValue(startTls),
                UseCompression = parse.GetValue(compress),
                AuthenticateEagerly = user is not null && password is not null,
                Logger = logging?.CreateLogger("nntp"),
            };
            var request = new NntpRequest(parse.GetValue(verb)!.ToLowerInvariant(), parse.GetValue(args) ?? [],
                parse.GetValue(json), parse.GetValue(output), parse.GetValue(group) ?? (address.Path.Length > 0 ? address.Path : null));
            NntpVerbs.Validate(request);
            await using var client = await NntpClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            var code = await NntpVerbs.RunAsync(client, request, Console.Out, cancellationToken).ConfigureAwait(false);
            await client.QuitAsync(cancellationToken).ConfigureAwait(false);
            return code;
        }));
        return command;
    }
}

/// <summary>What the user asked <c>inet nntp</c> to do.</summary>
internal sealed record NntpRequest(string Verb, string[] Args, bool Json, string? OutputFile, string? Group);
