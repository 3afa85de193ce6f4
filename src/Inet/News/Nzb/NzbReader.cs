using System.Xml;

namespace Inet.News.Nzb;

/// <summary>
/// Reads NZB 1.1 files. The DOCTYPE is skipped (never fetched), entity declarations are refused,
/// malformed XML raises <see cref="NzbFormatException"/>, and segment problems become warnings.
/// </summary>
public static class NzbReader
{
    /// <summary>Reads an NZB from <paramref name="stream"/> (the encoding comes from the XML declaration).</summary>
    public static NzbReadResult Read(Stream stream, NzbReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var xml = XmlReader.Create(new PrologGuardStream(stream), Settings(options, async: false));
        var builder = new NzbBuilder(xml);
        try
        {
            while (xml.Read())
            {
                if (builder.WantsText)
                    builder.OnText(xml.Value);
                else
                    builder.OnNode();
            }
        }
        catch (XmlException e)
        {
            throw Wrap(e);
        }
        return builder.Finish();
    }

    /// <summary>Reads an NZB from <paramref name="stream"/> asynchronously.</summary>
    public static async Task<NzbReadResult> ReadAsync(Stream stream, NzbReaderOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var xml = XmlReader.Create(new PrologGuardStream(stream), Settings(options, async: true));
        var builder = new NzbBuilder(xml);
        try
        {
            while (await xml.ReadAsync().ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (builder.WantsText)
                    builder.OnText(await xml.GetValueAsync().ConfigureAwait(false));
                else
                    builder.OnNode();
            }
        }
        catch (XmlException e)
        {
            throw Wrap(e);
        }
        return builder.Finish();
    }

    private static XmlReaderSettings Settings(NzbReaderOptions? options, bool async) => new()
    {
        Async = async,
        // Ignore skips the DOCTYPE without reading the internal subset or the external DTD, so
        // the standard NZB DOCTYPE passes and no entity is ever defined; a reference to one then
        // fails as undeclared. No resolver means nothing can be fetched. PrologGuardStream
        // additionally refuses any entity declaration before the root element.
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = (options ?? NzbReaderOptions.Default).MaxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private static NzbFormatException Wrap(XmlException e) =>
        new($"Malformed NZB XML: {e.Message}", e.LineNumber, e.LinePosition, e);
}
