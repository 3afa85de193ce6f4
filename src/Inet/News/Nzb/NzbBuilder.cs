using System.Globalization;
using System.Text;
using System.Xml;

namespace Inet.News.Nzb;

/// <summary>
/// Builds an <see cref="NzbDocument"/> from XmlReader nodes, one node at a time, so the sync and
/// async readers share every parsing rule and differ only in how they advance the XmlReader.
/// </summary>
internal sealed class NzbBuilder(XmlReader xml)
{
    private readonly NzbDocument _document = new();
    private readonly List<NzbWarning> _warnings = [];
    private readonly Stack<string> _path = new();
    private readonly StringBuilder _text = new();
    private readonly List<RawSegment> _rawSegments = [];
    private bool _collecting;
    private int _collectDepth;
    private bool _sawRoot;
    private string _metaType = "";
    private RawSegment _segment;
    private NzbFile? _file;

    /// <summary>True when the current node is text the builder wants (call <see cref="OnText"/>).</summary>
    public bool WantsText => _collecting && xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA
        or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace;

    public void OnText(string value) => _text.Append(value);

    /// <summary>Handles the current structural node (elements and end tags).</summary>
    public void OnNode()
    {
        switch (xml.NodeType)
        {
            case XmlNodeType.Element:
                var empty = xml.IsEmptyElement;
                StartElement(xml.LocalName);
                if (empty)
                    EndElement();
                break;
            case XmlNodeType.EndElement:
                EndElement();
                break;
        }
    }

    public NzbReadResult Finish()
    {
        if (_path.Count > 0 || !_sawRoot)
            throw new NzbFormatException("Document has no <nzb> root element");
        return new NzbReadResult(_document, _warnings);
    }

    private void StartElement(string name)
    {
        var parent = _path.Count == 0 ? null : _path.Peek();
        _path.Push(name);
        switch (parent, name)
        {
            case (null, "nzb"):
                _sawRoot = true;
                break;
            case (null, _):
                throw Error($"Root element is <{Shorten(name)}>, not <nzb>");
            case ("head", "meta"):
                _metaType = xml.GetAttribute("type") ?? "";
                BeginText();
                break;
            case ("nzb", "file"):
                StartFile();
                break;
            case ("groups", "group"):
                BeginText();
                break;
            case ("segments", "segment"):
                var line = xml as IXmlLineInfo;
                _segment = new RawSegment(xml.GetAttribute("number"), xml.GetAttribute("bytes"), "",
                    line?.LineNumber ?? 0, line?.LinePosition ?? 0);
                BeginText();
                break;
        }
    }

    private void EndElement()
    {
        // Text belongs to the element that started collecting; markup nested in it is ignored.
        var text = _collecting && _path.Count == _collectDepth ? EndText() : null;
        var name = _path.Pop();
        var parent = _path.Count == 0 ? null : _path.Peek();
        switch (parent, name)
        {
            case ("head", "meta") when text is not null:
                _document.Meta.Add(new NzbMeta(_metaType, text));
                break;
            case ("groups", "group") when _file is not null && text is not null:
                var group = text.Trim();
                if (group.Length > 0)
                    _file.Groups.Add(group);
                break;
            case ("segments", "segment") when _file is not null && text is not null:
                _rawSegments.Add(_segment with { Text = text });
                break;
            case ("nzb", "file") when _file is not null:
                var index = _document.Files.Count;
                new SegmentChecker(_warnings, index).AddTo(_file, _rawSegments);
                _document.Files.Add(_file);
                _file = null;
                break;
        }
    }

    private void StartFile()
    {
        _file = new NzbFile
        {
            Subject = xml.GetAttribute("subject") ?? "",
            Poster = xml.GetAttribute("poster"),
        };
        _rawSegments.Clear();
        var date = xml.GetAttribute("date");
        if (date is null)
            return;
        if (long.TryParse(date.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= -62135596800 && seconds <= 253402300799)
        {
            _file.Date = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return;
        }
        var line = xml as IXmlLineInfo;
        _warnings.Add(new NzbWarning(NzbWarningKind.InvalidDate, _document.Files.Count,
            $"File date \"{Shorten(date)}\" is not a Unix timestamp", [], line?.LineNumber ?? 0, line?.LinePosition ?? 0));
    }

    private void BeginText()
    {
        _text.Clear();
        _collecting = true;
        _collectDepth = _path.Count;
    }

    private string EndText()
    {
        _collecting = false;
        var value = _text.ToString();
        _text.Clear();
        return value;
    }

    private NzbFormatException Error(string message)
    {
        var line = xml as IXmlLineInfo;
        return new NzbFormatException(message, line?.LineNumber ?? 0, line?.LinePosition ?? 0);
    }

    /// <summary>Escapes control characters and cuts input text for messages.</summary>
    internal static string Shorten(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Length > 80 ? text[..80] : text)
        {
            if (char.IsControl(c))
                sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            else
                sb.Append(c);
        }
        if (text.Length > 80)
            sb.Append('…');
        return sb.ToString();
    }
}
