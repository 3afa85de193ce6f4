using System.Globalization;
using Inet.Core;
using Inet.Smtp;
using Spectre.Console;

namespace Inet.Cli.Mail;

/// <summary>What a run of <c>inet mail send</c> came to, and its exit code.</summary>
internal sealed record MailSendReport(IReadOnlyList<SmtpSendResult> Results)
{
    /// <summary>0 every recipient accepted; 4 a message lost to the network; 3 any refusal (partial delivery included).</summary>
    public int ExitCode =>
        Results.Any(r => r.Error is not null and not ProtocolException) ? ExitCodes.Network
        : Results.All(r => r.Delivered) ? ExitCodes.Ok
        : ExitCodes.ServerRefused;
}

/// <summary>
/// Runs the sends with a progress bar on a terminal (for more than one message, without --json), then prints
/// one line per refused recipient and a summary, or with --json one entry per recipient of every message.
/// </summary>
internal static class MailSendConsole
{
    public static async Task<MailSendReport> RunAsync(SmtpClientOptions options, IReadOnlyList<SmtpOutgoingMessage> messages, int connections,
        bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var results = new List<SmtpSendResult>(messages.Count);
        var show = messages.Count > 1 && TerminalProgress.CanShow(output, json);
        if (show)
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("messages", maxValue: messages.Count);
                    await foreach (var result in SmtpBulkSender.SendAsync(options, messages, connections, cancellationToken).ConfigureAwait(false))
                    {
                        results.Add(result);
                        task.Increment(1);
                    }
                }).ConfigureAwait(false);
        }
        else
        {
            await foreach (var result in SmtpBulkSender.SendAsync(options, messages, connections, cancellationToken).ConfigureAwait(false))
                results.Add(result);
        }
        // Results arrive as connections finish them; report them in the order the messages were given.
        var order = new Dictionary<SmtpOutgoingMessage, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < messages.Count; i++)
            order[messages[i]] = i;
        results.Sort((a, b) => order[a.Message].CompareTo(order[b.Message]));
        var report = new MailSendReport(results);
        if (json)
            await WriteJsonAsync(output, results).ConfigureAwait(false);
        else
            await WriteTextAsync(output, results).ConfigureAwait(false);
        return report;
    }

    private static Task WriteJsonAsync(TextWriter output, IReadOnlyList<SmtpSendResult> results) => JsonOutput.WriteAsync(output, w =>
    {
        w.WriteStartArray();
        foreach (var result in results)
        {
            foreach (var recipient in result.Recipients)
            {
                w.WriteStartObject();
                w.WriteString("message", result.Message.Tag as string);
                w.WriteString("recipient", recipient.Address);
                w.WriteBoolean("accepted", recipient.Accepted);
                if (recipient.Reply.Code == 0)
                    w.WriteNull("code");
                else
                    w.WriteNumber("code", recipient.Reply.Code);
                if (recipient.Status is { } status)
                    w.WriteString("status", status.ToString());
                w.WriteString("text", recipient.Reply.Text);
                if (result.Error is { } error)
                    w.WriteString("error", error.Message);
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
    });

    private static async Task WriteTextAsync(TextWriter output, IReadOnlyList<SmtpSendResult> results)
    {
        foreach (var result in results)
        {
            foreach (var recipient in result.Recipients.Where(r => !r.Accepted))
            {
                var code = recipient.Reply.Code == 0 ? "not sent" : recipient.Reply.Code.ToString(CultureInfo.InvariantCulture);
                await output.WriteLineAsync($"{Printable.Escape(result.Message.Tag as string ?? "")}: {Printable.Escape(recipient.Address)}: {code} {Printable.Escape(recipient.Reply.Text)}").ConfigureAwait(false);
            }
        }
        var delivered = results.Count(r => r.Delivered);
        var recipients = results.Sum(r => r.Recipients.Count);
        var accepted = results.Sum(r => r.Recipients.Count(x => x.Accepted));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{delivered} of {results.Count} messages delivered to every recipient; {accepted} of {recipients} recipients accepted")).ConfigureAwait(false);
    }
}
