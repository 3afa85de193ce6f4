using Inet.News.Nzb;

namespace Inet.Cli.Nzb;

/// <summary>Reads an NZB file for the CLI; a malformed or hostile file ends as a usage error (exit 2) with the line number.</summary>
internal static class NzbFileLoader
{
    public static async Task<NzbReadResult> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            throw new UsageException($"no such NZB file: {path}");
        await using var stream = File.OpenRead(path);
        try
        {
            return await NzbReader.ReadAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (NzbFormatException e)
        {
            throw new UsageException($"{Path.GetFileName(path)}: not a usable NZB: {e.Message}");
        }
    }
}
