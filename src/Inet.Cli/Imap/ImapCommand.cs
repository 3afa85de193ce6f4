using System.CommandLine;
using System.Globalization;
using Inet.Core;
using Inet.Imap;

namespace Inet.Cli.Imap;

/// <summary><c>inet imap URL list|status|search|fetch|append|move|idle</c>, each with --json.</summary>
internal static class ImapCommand
{
    public static Command Create()
    {
        var command = new Command("imap", "IMAP4: inet imap URL list|status|search|fetch|append|move|idle (URLs: imap[s]://user@host[:port]/MAILBOX)");
        var url = ImapConnectionOptions.CreateUrl();
        command.Arguments.Add(url);
        command.Subcommands.Add(Verb(url, "list", "List the mailboxes", (_, _) => ListAsync));
        command.Subcommands.Add(Verb(url, "status", "STATUS of the URL's mailbox", (_, options) =>
            (client, json, output, ct) => StatusAsync(client, options.Mailbox, json, output, ct)));
        var criteria = new Argument<string[]>("criteria") { Description = "raw IMAP search keys, as imaplib takes them (e.g. UNSEEN FROM alice)", Arity = ArgumentArity.OneOrMore };
        command.Subcommands.Add(Verb(url, "search", "UID SEARCH the mailbox with raw IMAP search keys", (parse, options) =>
            (client, json, output, ct) => SearchAsync(client, options.Mailbox, string.Join(' ', parse.GetValue(criteria)!), json, output, ct), criteria));
        var set = new Argument<string>("uids") { Description = "UIDs as an IMAP set (default 1:*)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "1:*" };
        command.Subcommands.Add(Verb(url, "fetch", "Summaries (UID, flags, date, size, from, subject) of messages", (parse, options) =>
            (client, json, output, ct) => FetchAsync(client, options.Mailbox, ImapSequenceSet.Check(parse.GetValue(set)!, "uids"), json, output, ct), set));
        var file = new Argument<string>("file") { Description = "the message to append (RFC 5322 file)" };
        command.Subcommands.Add(Verb(url, "append", "APPEND a message file to the mailbox", (parse, options) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
                throw new UsageException("no such file: " + path);
            return (client, json, output, ct) => AppendAsync(client, options.Mailbox, path, json, output, ct);
        }, file));
        var uids = new Argument<string>("uids") { Description = "UIDs as an IMAP set, e.g. 4,7:9" };
        var destination = new Argument<string>("destination") { Description = "the mailbox to move them to" };
        command.Subcommands.Add(Verb(url, "move", "UID MOVE messages to another mailbox", (parse, options) =>
        {
            var target = CommandGuard.Check(parse.GetValue(destination)!, "destination");
            var which = ImapSequenceSet.Check(parse.GetValue(uids)!, "uids");
            return (client, json, output, ct) => MoveAsync(client, options.Mailbox, which, target, json, output, ct);
        }, uids, destination));
        var seconds = new Option<int>("--seconds") { Description = "stop after this many seconds (default: until interrupted)" };
        command.Subcommands.Add(Verb(url, "idle", "IDLE: print the mailbox's changes as they happen", (parse, options) =>
            (client, json, output, ct) => IdleAsync(client, options.Mailbox, parse.GetValue(seconds), json, output, ct), seconds));
        return command;
    }

    private delegate Task<int> Work(ImapClient client, bool json, TextWriter output, CancellationToken cancellationToken);

    private static Command Verb(Argument<string> url, string name, string description, Func<ParseResult, ImapClientOptions, Work> prepare, params Symbol[] symbols)
    {
        var connection = new ImapConnectionOptions(url);
        var json = new Option<bool>("--json") { Description = "print the result as JSON" };
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else if (symbol is Option option) command.Options.Add(option);
        }
        command.Options.Add(json);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => connection.RunAsync(parse, options =>
        {
            var work = prepare(parse, options);
            return client => work(client, parse.GetValue(json), parse.InvocationConfiguration.Output, cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static async Task<int> ListAsync(ImapClient client, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var boxes = await client.ListAsync("*", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await JsonOutput.WriteAsync(output, w =>
            {
                w.WriteStartArray();
                foreach (var b in boxes)
                {
                    w.WriteStartObject();
                    w.WriteString("name", b.Name);
                    w.WriteString("delimiter", b.Delimiter);
                    w.WriteStartArray("attributes");
                    foreach (var a in b.Attributes) w.WriteStringValue(a);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }).ConfigureAwait(false);
        }
        else
        {
            foreach (var b in boxes)
                await output.WriteLineAsync($"{Printable.Escape(b.Name)}\t{string.Join(' ', b.Attributes)}").ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }

    private static async Task<int> StatusAsync(ImapClient client, string mailbox, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var s = await client.StatusAsync(mailbox, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await JsonOutput.WriteAsync(output, w =>
            {
                w.WriteStartObject();
                w.WriteString("mailbox", s.Mailbox);
                Number(w, "messages", s.Messages);
                Number(w, "recent", s.Recent);
                Number(w, "unseen", s.Unseen);
                Number(w, "uidNext", s.UidNext);
                Number(w, "uidValidity", s.UidValidity);
                w.WriteEndObject();
            }).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{Printable.Escape(s.Mailbox)}: {s.Messages} messages, {s.Unseen} unseen, {s.Recent} recent, UIDNEXT {s.UidNext}, UIDVALIDITY {s.UidValidity}")).ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }

    private static void Number(System.Text.Json.Utf8JsonWriter w, string name, ulong? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static async Task<int> SearchAsync(ImapClient client, string mailbox, string criteria, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        await client.ExamineAsync(mailbox, cancellationToken).ConfigureAwait(false);
        var found = await client.SearchAsync(criteria, uid: true, cancellationToken).ConfigureAwait(false);
        if (json)
            await JsonOutput.WriteAsync(output, w => { w.WriteStartArray(); foreach (var u in found) w.WriteNumberValue(u); w.WriteEndArray(); }).ConfigureAwait(false);
        else
            await output.WriteLineAsync(string.Join(' ', found.Select(u => u.ToString(CultureInfo.InvariantCulture)))).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> FetchAsync(ImapClient client, string mailbox, string set, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        await client.ExamineAsync(mailbox, cancellationToken).ConfigureAwait(false);
        var messages = client.Selected!.Exists == 0 ? [] : await client.FetchAsync(set, "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)", uid: true, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await JsonOutput.WriteAsync(output, w =>
            {
                w.WriteStartArray();
                foreach (var m in messages)
                {
                    w.WriteStartObject();
                    w.WriteNumber("uid", m.Uid ?? 0);
                    w.WriteStartArray("flags");
                    foreach (var f in m.Flags ?? []) w.WriteStringValue(f);
                    w.WriteEndArray();
                    w.WriteString("internalDate", m.InternalDate?.ToString("O", CultureInfo.InvariantCulture));
                    w.WriteNumber("size", m.Size ?? 0);
                    w.WriteString("from", m.Envelope?.From.FirstOrDefault()?.ToString());
                    w.WriteString("subject", m.Envelope?.Subject);
                    w.WriteString("messageId", m.Envelope?.MessageId);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }).ConfigureAwait(false);
        }
        else
        {
            foreach (var m in messages)
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Uid}\t{string.Join(' ', m.Flags ?? [])}\t{m.InternalDate:yyyy-MM-dd HH:mm}\t{m.Size}\t{Printable.Escape(m.Envelope?.From.FirstOrDefault()?.ToString() ?? "")}\t{Printable.Escape(m.Envelope?.Subject ?? "")}")).ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }

    private static async Task<int> AppendAsync(ImapClient client, string mailbox, string path, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var appended = await client.AppendAsync(mailbox, file, file.Length, cancellationToken: cancellationToken).ConfigureAwait(false);
        var uid = appended?.TargetUids.FirstOrDefault();
        if (json)
            await JsonOutput.WriteAsync(output, w => { w.WriteStartObject(); w.WriteString("mailbox", mailbox); if (uid is { } u) w.WriteNumber("uid", u); else w.WriteNull("uid"); if (appended is { } a) w.WriteNumber("uidValidity", a.UidValidity); w.WriteEndObject(); }).ConfigureAwait(false);
        else
            await output.WriteLineAsync(uid is { } u ? $"appended to {mailbox} as UID {u}" : $"appended to {mailbox}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> MoveAsync(ImapClient client, string mailbox, string set, string destination, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        await client.SelectAsync(mailbox, cancellationToken).ConfigureAwait(false);
        var moved = await client.MoveAsync(set, destination, uid: true, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await JsonOutput.WriteAsync(output, w =>
            {
                w.WriteStartObject();
                w.WriteString("destination", destination);
                w.WriteStartArray("from"); foreach (var u in moved?.SourceUids ?? []) w.WriteNumberValue(u); w.WriteEndArray();
                w.WriteStartArray("to"); foreach (var u in moved?.TargetUids ?? []) w.WriteNumberValue(u); w.WriteEndArray();
                w.WriteEndObject();
            }).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync(moved is null ? $"moved to {destination}" : $"moved {moved.SourceUids.Count} to {destination} (UIDs {ImapSequenceSet.Format(moved.TargetUids)})").ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }

    private static async Task<int> IdleAsync(ImapClient client, string mailbox, int seconds, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        await client.SelectAsync(mailbox, cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (seconds > 0)
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        await client.IdleAsync(r =>
        {
            var line = json
                ? JsonOutput.Build(w => { w.WriteStartObject(); w.WriteString("event", r.DataName); if (r.Number is { } n) w.WriteNumber("number", n); w.WriteEndObject(); }).ReplaceLineEndings(" ")
                : $"{r.DataName} {r.Number}".Trim();
            output.WriteLine(line);
            output.Flush();
        }, stop.Token, CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
