using System.CommandLine;
using System.Globalization;
using Inet.Core;
using Inet.News.Nzb;
using Spectre.Console;

namespace Inet.Cli.Nzb;

/// <summary><c>inet nzb info FILE.nzb [--json]</c>: files, parts, sizes, groups and the reader's warnings.</summary>
internal static class NzbInfoCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the NZB file" };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("info", "Show the files, parts, sizes and groups of an NZB");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var read = await NzbFileLoader.LoadAsync(parse.GetValue(file)!, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
                await JsonOutput.WriteAsync(parse.InvocationConfiguration.Output, w => WriteJson(w, read)).ConfigureAwait(false);
            else
                Print(read);
            return ExitCodes.Ok;
        }, parse.InvocationConfiguration.Error));
        return command;
    }

    private static void Print(NzbReadResult read)
    {
        var nzb = read.Document;
        if (nzb.Title is { } title)
            AnsiConsole.MarkupLine("[bold]" + Markup.Escape(title) + "[/]");
        var table = new Table().AddColumns("#", "file", "parts", "size", "groups");
        for (var i = 0; i < nzb.Files.Count; i++)
        {
            var f = nzb.Files[i];
            table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(Printable.Escape(NameOf(f))),
                f.Segments.Count.ToString(CultureInfo.InvariantCulture), f.TotalBytes.ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(Printable.Escape(string.Join(", ", f.Groups))));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{nzb.Files.Count} files, {nzb.Files.Sum(f => f.Segments.Count)} parts, {nzb.Files.Sum(f => f.TotalBytes):N0} bytes")));
        foreach (var warning in read.Warnings)
            AnsiConsole.MarkupLine("[yellow]warning:[/] " + Markup.Escape(warning.Message));
    }

    private static void WriteJson(System.Text.Json.Utf8JsonWriter w, NzbReadResult read)
    {
        var nzb = read.Document;
        w.WriteStartObject();
        if (nzb.Title is { } title)
            w.WriteString("title", title);
        w.WriteNumber("parts", nzb.Files.Sum(f => f.Segments.Count));
        w.WriteNumber("bytes", nzb.Files.Sum(f => f.TotalBytes));
        w.WriteStartArray("files");
        foreach (var f in nzb.Files)
        {
            w.WriteStartObject();
            w.WriteString("name", NameOf(f));
            w.WriteString("subject", f.Subject);
            w.WriteNumber("parts", f.Segments.Count);
            w.WriteNumber("bytes", f.TotalBytes);
            w.WriteStartArray("groups");
            foreach (var g in f.Groups)
                w.WriteStringValue(g);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (var warning in read.Warnings)
        {
            w.WriteStartObject();
            w.WriteString("kind", warning.Kind.ToString());
            w.WriteNumber("file", warning.FileIndex);
            w.WriteString("message", warning.Message);
            w.WriteNumber("line", warning.LineNumber);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    // The name the file would get: the subject's file name, sanitized like every name from the network.
    private static string NameOf(NzbFile file) => Inet.Codecs.SafeFileName.Sanitize(file.ParsedSubject.FileName, "(no name)");
}
