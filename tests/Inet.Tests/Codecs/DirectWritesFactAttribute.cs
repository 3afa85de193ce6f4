using Inet.Core;

namespace Inet.Tests.Codecs;

/// <summary>A fact that needs O_DIRECT writes in the temp folder: skipped, with the reason, where the file system refuses them.</summary>
public sealed class DirectWritesFactAttribute : FactAttribute
{
    public DirectWritesFactAttribute() => Skip = DirectWritesSupport.SkipReason.Value;
}

internal static class DirectWritesSupport
{
    /// <summary>Null when the temp folder's file system takes one aligned O_DIRECT write.</summary>
    public static readonly Lazy<string?> SkipReason = new(() => WorkIn(Path.GetTempPath())
        ? null
        : $"the file system of {Path.GetTempPath()} refuses O_DIRECT writes (or this is not Linux): only the cached path can run");

    /// <summary>An independent probe: can this folder's file system take one aligned O_DIRECT write?</summary>
    public static bool WorkIn(string directory)
    {
        var path = Path.Combine(directory, $".inet-direct-probe-{Guid.NewGuid():N}");
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite);
            using var direct = DirectFile.TryOpenForDirectWrites(handle);
            if (direct is null)
                return false;
            var block = new AlignedBuffer(DirectFile.BlockSize);
            RandomAccess.Write(direct, block.Span, 0);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
