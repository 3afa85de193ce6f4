using System.CommandLine;
using Inet.Core;

namespace Inet.Cli.Demo;

/// <summary><c>inet demo</c>: the whole news pipeline on loopback, no network and no root needed.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var folder = new Option<string?>("--folder") { Description = "work folder (default: a new temp folder)" };
        var size = new Option<int>("--size-mb") { Description = "size of the multi-part yEnc sample in MB", DefaultValueFactory = _ => 4 };
        var keep = new Option<bool>("--keep") { Description = "keep the work folder afterwards" };
        var command = new Command("demo", "Start the embedded news server, post sample binaries, fetch them with the news robot and verify every file");
        command.Options.Add(folder);
        command.Options.Add(size);
        command.Options.Add(keep);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var explicitFolder = parse.GetValue(folder);
            var work = explicitFolder is null ? Directory.CreateTempSubdirectory("inet-demo-").FullName : Path.GetFullPath(explicitFolder);
            try
            {
                var ok = await new DemoRunner(work, Math.Clamp(parse.GetValue(size), 1, 512)).RunAsync(cancellationToken).ConfigureAwait(false);
                return ok ? ExitCodes.Ok : ExitCodes.ServerRefused;
            }
            finally
            {
                if (explicitFolder is null && !parse.GetValue(keep))
                    Directory.Delete(work, recursive: true);
            }
        }));
        return command;
    }
}
