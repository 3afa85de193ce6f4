using System.Buffers;

namespace Inet.Codecs;

/// <summary>
/// Streaming uudecode: reads text (a whole article with headers, or a file) line by line, finds every
/// <c>begin MODE NAME</c> ... <c>end</c> block and hands the decoded bytes on without holding a whole file.
/// Tolerates encoders and gateways that strip trailing spaces.
/// </summary>
public static class UuDecoder
{
    /// <summary>Longest line considered; longer lines are text, never data (uu lines are about 61 characters).</summary>
    public const int DefaultMaxLineLength = 16 * 1024;

    private const int ReadSize = 128 * 1024;

    /// <summary>Decodes every uuencoded file in <paramref name="input"/> to <paramref name="output"/>; returns how many began.</summary>
    public static async Task<int> DecodeAsync(Stream input, IUuOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        using var processor = new UuLineProcessor(output, DefaultMaxLineLength);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize + DefaultMaxLineLength + 1);
        try
        {
            var filled = 0;
            while (true)
            {
                var read = await input.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    break;
                filled += read;
                var used = processor.ProcessLines(buffer.AsSpan(0, filled), final: false);
                buffer.AsSpan(used, filled - used).CopyTo(buffer); // keep the partial last line
                filled -= used;
            }
            processor.ProcessLines(buffer.AsSpan(0, filled), final: true);
            processor.Finish();
            return processor.FilesSeen;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes every uuencoded file in an in-memory text; returns how many began.</summary>
    public static int Decode(ReadOnlySpan<byte> input, IUuOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var processor = new UuLineProcessor(output, int.MaxValue);
        processor.ProcessLines(input, final: true);
        processor.Finish();
        return processor.FilesSeen;
    }

    /// <summary>
    /// Decodes every uuencoded file in <paramref name="input"/> into <paramref name="outputDirectory"/> under a
    /// safe name (see <see cref="SafeFileName"/>); a file without <c>end</c> is kept as <c>name.incomplete</c>.
    /// </summary>
    public static async Task<IReadOnlyList<AssemblyResult>> DecodeToDirectoryAsync(
        Stream input, string outputDirectory, CancellationToken cancellationToken = default)
    {
        using var files = new UuDirectoryOutput(outputDirectory);
        await DecodeAsync(input, files, cancellationToken).ConfigureAwait(false);
        return files.Results;
    }
}
