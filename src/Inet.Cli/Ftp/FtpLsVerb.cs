using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Inet.Core;
using Inet.Ftp;

namespace Inet.Cli.Ftp;

/// <summary>
/// <c>inet ftp ls URL [--json]</c>: the folder's entries (MLSD when offered, else LIST), one per line as
/// type, size, time and name (<c>-&gt; target</c> for links), or as a JSON array.
/// </summary>
internal static class FtpLsVerb
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "print a JSON array: name, type, size, modified, permissions, target" };
        var connection = new FtpConnectionOptions("ftp[s]://[user[:password]@]host[:port]/[folder/]");
        var command = new Command("ls", "List a folder: inet ftp ls URL [--json]");
        command.Arguments.Add(connection.Url);
        command.Options.Add(json);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => connection.RunAsync(parse, target => async client =>
        {
            var items = new List<FtpItem>();
            await foreach (var item in client.ListAsync(target.FolderPath, cancellationToken).ConfigureAwait(false))
                items.Add(item);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
                await JsonOutput.WriteAsync(output, w => WriteJson(w, items)).ConfigureAwait(false);
            else
                await output.WriteAsync(Text(items)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>One line per entry: type letter, size (right-aligned, '-' when unknown), time (UTC as the server gave it), name.</summary>
    internal static string Text(IReadOnlyList<FtpItem> items)
    {
        var sizes = items.Select(i => i.Size?.ToString(CultureInfo.InvariantCulture) ?? "-").ToList();
        var width = sizes.Count == 0 ? 0 : sizes.Max(s => s.Length);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var time = item.Modified?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-".PadRight(16);
            text.Append(Letter(item.Type)).Append(' ').Append(sizes[i].PadLeft(width)).Append(' ').Append(time).Append(' ')
                .Append(Printable.Escape(item.Name));
            if (item.LinkTarget is { } target)
                text.Append(" -> ").Append(Printable.Escape(target));
            text.Append('\n');
        }
        return text.ToString();
    }

    private static void WriteJson(Utf8JsonWriter w, IReadOnlyList<FtpItem> items)
    {
        w.WriteStartArray();
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteString("name", item.Name);
            w.WriteString("type", TypeName(item.Type));
            if (item.Size is { } size) w.WriteNumber("size", size); else w.WriteNull("size");
            if (item.Modified is { } modified) w.WriteString("modified", modified); else w.WriteNull("modified");
            if (item.Permissions is { } permissions) w.WriteString("permissions", permissions); else w.WriteNull("permissions");
            if (item.LinkTarget is { } target) w.WriteString("target", target); else w.WriteNull("target");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static char Letter(FtpItemType type) => type switch
    {
        FtpItemType.File => '-',
        FtpItemType.Directory => 'd',
        FtpItemType.Link => 'l',
        _ => '?',
    };

    private static string TypeName(FtpItemType type) => type switch
    {
        FtpItemType.File => "file",
        FtpItemType.Directory => "directory",
        FtpItemType.Link => "link",
        _ => "other",
    };
}
