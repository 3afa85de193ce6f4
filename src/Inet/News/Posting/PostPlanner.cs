using System.Buffers;
using Inet.Codecs;

namespace Inet.News.Posting;

/// <summary>Checks the options and files, then cuts every file into <see cref="PartPlan"/>s in posting order.</summary>
internal static class PostPlanner
{
    private const int UuLineBytes = 45;

    public static async Task<IReadOnlyList<PartPlan>> PlanAsync(IReadOnlyList<string> paths, BinaryPostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
            throw new ArgumentException("No files to post.", nameof(paths));
        PostOptionsValidator.Validate(options);
        var domain = MessageIds.DomainFor(options);
        var partSize = PartSizeFor(options);
        var plans = new List<PartPlan>();
        for (var i = 0; i < paths.Count; i++)
        {
            var info = new FileInfo(paths[i]);
            if (!info.Exists)
                throw new FileNotFoundException($"No such file: {paths[i]}", paths[i]);
            var name = info.Name;
            if (name.AsSpan().IndexOfAny("\r\n\0\"") >= 0)
                throw new ArgumentException($"The file name '{Inet.Core.Printable.Escape(name)}' cannot be posted (CR, LF, NUL or '\"').", nameof(paths));
            if (options.Encoding == PostEncoding.Mime && info.Length > partSize)
                throw new ArgumentException($"{name} is {info.Length} bytes; MIME posts are not split and the limit is {partSize} (raise the part size or use yEnc).", nameof(paths));
            uint? crc = options.Encoding == PostEncoding.Yenc ? await HashAsync(info.FullName, cancellationToken).ConfigureAwait(false) : null;
            var file = new PostFile(info.FullName, name, info.Length, crc, i + 1, paths.Count);
            var total = options.Encoding == PostEncoding.Mime || info.Length == 0 ? 1 : (int)((info.Length + partSize - 1) / partSize);
            for (var part = 1; part <= total; part++)
            {
                var offset = (part - 1) * partSize;
                var length = Math.Min(partSize, info.Length - offset);
                plans.Add(new PartPlan(file, part, total, offset, Math.Max(length, 0),
                    SubjectFormatter.Format(options, file, part, total), MessageIds.Create(domain)));
            }
        }
        return plans;
    }

    private static long PartSizeFor(BinaryPostOptions options)
    {
        var size = options.EffectivePartSize;
        // uu parts hold whole 45-byte lines, so only the last part has a short line.
        return options.Encoding == PostEncoding.Uu ? Math.Max(UuLineBytes, size / UuLineBytes * UuLineBytes) : size;
    }

    /// <summary>CRC32 of the whole file, read once ahead: yEnc puts it in the last part's <c>=yend</c>, which may be posted first.</summary>
    private static async Task<uint> HashAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                uint crc = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    crc = Crc32Math.Append(crc, buffer.AsSpan(0, read));
                return crc;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
