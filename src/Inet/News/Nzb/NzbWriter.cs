using System.Globalization;
using System.Text;
using System.Xml;

namespace Inet.News.Nzb;

/// <summary>Writes NZB 1.1 documents (UTF-8, with the standard DOCTYPE and namespace).</summary>
public static class NzbWriter
{
    /// <summary>The NZB 1.1 namespace.</summary>
    public const string Namespace = "http://www.newzbin.com/DTD/2003/nzb";
    internal const string PublicId = "-//newzBin//DTD NZB 1.1//EN";
    internal const string SystemId = "http://www.newzbin.com/DTD/nzb/nzb-1.1.dtd";

    /// <summary>
    /// Writes <paramref name="document"/> to <paramref name="stream"/>. Throws
    /// <see cref="ArgumentException"/> before writing anything if a value cannot be represented
    /// (characters XML forbids, invalid message-ids or group names, numbers out of range).
    /// </summary>
    public static void Write(NzbDocument document, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(stream);
        Validate(document);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            // Entitize keeps CR/LF/TAB in values intact through a read (instead of normalising them).
            NewLineHandling = NewLineHandling.Entitize,
            CloseOutput = false,
        };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteDocType("nzb", PublicId, SystemId, null);
        xml.WriteStartElement("nzb", Namespace);
        if (document.Meta.Count > 0)
        {
            xml.WriteStartElement("head", Namespace);
            foreach (var meta in document.Meta)
            {
                xml.WriteStartElement("meta", Namespace);
                xml.WriteAttributeString("type", meta.Type);
                xml.WriteString(meta.Value);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        foreach (var file in document.Files)
            WriteFile(xml, file);
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteFile(XmlWriter xml, NzbFile file)
    {
        xml.WriteStartElement("file", Namespace);
        if (file.Poster is not null)
            xml.WriteAttributeString("poster", file.Poster);
        if (file.Date is { } date)
            xml.WriteAttributeString("date", date.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("subject", file.Subject);
        xml.WriteStartElement("groups", Namespace);
        foreach (var group in file.Groups)
            xml.WriteElementString("group", Namespace, group);
        xml.WriteEndElement();
        xml.WriteStartElement("segments", Namespace);
        foreach (var segment in file.Segments)
        {
            xml.WriteStartElement("segment", Namespace);
            xml.WriteAttributeString("bytes", segment.Bytes.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("number", segment.Number.ToString(CultureInfo.InvariantCulture));
            MessageIdText.TryNormalize(segment.MessageId, out var id);
            xml.WriteString(id);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Validate(NzbDocument document)
    {
        foreach (var meta in document.Meta)
        {
            CheckText(meta.Type, "meta type");
            CheckText(meta.Value, "meta value");
        }
        for (var i = 0; i < document.Files.Count; i++)
        {
            var file = document.Files[i];
            var where = FormattableString.Invariant($"file {i}");
            CheckText(file.Subject, where + " subject");
            if (file.Poster is not null)
                CheckText(file.Poster, where + " poster");
            foreach (var group in file.Groups)
            {
                if (group.Length == 0 || group.Any(c => c <= ' ' || char.IsWhiteSpace(c) || char.IsControl(c)))
                    throw new ArgumentException($"{where}: group name \"{NzbBuilder.Shorten(group)}\" is empty or holds whitespace", nameof(document));
                CheckText(group, where + " group");
            }
            foreach (var s in file.Segments)
            {
                if (s.Number < 1 || s.Bytes < 0)
                    throw new ArgumentException(FormattableString.Invariant($"{where}: segment {s.Number} has a non-positive number or negative bytes"), nameof(document));
                if (!MessageIdText.TryNormalize(s.MessageId, out _))
                    throw new ArgumentException($"{where}: segment message-id \"{NzbBuilder.Shorten(s.MessageId ?? "")}\" is not valid", nameof(document));
            }
        }
    }

    private static void CheckText(string? value, string what)
    {
        if (value is null)
            throw new ArgumentException($"The {what} is null", nameof(value));
        // VerifyXmlChars accepts lone surrogates, which the UTF-8 encoder would turn into U+FFFD.
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                i++;
            else if (char.IsSurrogate(value[i]))
                throw new ArgumentException($"The {what} holds an unpaired surrogate", nameof(value));
        }
        try
        {
            XmlConvert.VerifyXmlChars(value);
        }
        catch (XmlException e)
        {
            throw new ArgumentException($"The {what} holds a character XML 1.0 cannot represent", nameof(value), e);
        }
    }
}
