namespace Inet.Nntp;

/// <summary>
/// One OVER/XOVER line: the seven standard fields and any extra headers in OVERVIEW.FMT order.
/// Values are as the server sent them (RFC 2047 words still encoded). A parsed record keeps a copy of
/// the line's bytes and creates each text field on first use; equality is by reference.
/// </summary>
/// <remarks>
/// Keeping a million records costs the line bytes plus one small object each instead of seven
/// strings and an array: that is what makes holding a whole OVER range cheap for the GC. Records
/// parsed on one thread share blocks of line bytes, so a record kept alone holds its block (128 KiB)
/// alive. Safe to read from several threads.
/// </remarks>
public sealed class OverviewRecord
{
    private static readonly KeyValuePair<string, string>[] NoExtra = [];

    // Parsed records: the line (without CRLF) is _block[_start.._start+_length]. Null when built from strings.
    private readonly byte[]? _block;
    private readonly int _start;
    private readonly int _length;

    // The format the line was parsed with; null when the line has no extra fields to read.
    private readonly OverviewFormat? _format;

    private Strings? _strings;

    /// <summary>A record from field values, e.g. built from HEAD when the server has no overview.</summary>
    public OverviewRecord(long Number, string Subject, string From, string Date, string MessageId, string References,
        long Bytes, long Lines, IReadOnlyList<KeyValuePair<string, string>> Extra)
    {
        // Parameter names as the positional record had them, so calls with named arguments still compile.
        ArgumentNullException.ThrowIfNull(Subject);
        ArgumentNullException.ThrowIfNull(From);
        ArgumentNullException.ThrowIfNull(Date);
        ArgumentNullException.ThrowIfNull(MessageId);
        ArgumentNullException.ThrowIfNull(References);
        ArgumentNullException.ThrowIfNull(Extra);
        this.Number = Number;
        this.Bytes = Bytes;
        this.Lines = Lines;
        _strings = new Strings
        {
            Subject = Subject, From = From, Date = Date, MessageId = MessageId, References = References, Extra = Extra,
        };
    }

    /// <summary>A parsed line; the caller has checked the fields and copied the bytes to storage no one else writes.</summary>
    internal OverviewRecord(byte[] block, int start, int length, OverviewFormat? format, long number, long bytes, long lines)
    {
        _block = block;
        _start = start;
        _length = length;
        _format = format;
        Number = number;
        Bytes = bytes;
        Lines = lines;
    }

    /// <summary>The article number (0 when OVER by message-id gave none).</summary>
    public long Number { get; }

    /// <summary>The Subject header, RFC 2047 words still encoded.</summary>
    public string Subject => Cache.Subject ??= Field(1);

    /// <summary>The From header.</summary>
    public string From => Cache.From ??= Field(2);

    /// <summary>The Date header as sent; see <see cref="ParsedDate"/>.</summary>
    public string Date => Cache.Date ??= Field(3);

    /// <summary>The Message-ID with its angle brackets.</summary>
    public string MessageId => Cache.MessageId ??= Field(4);

    /// <summary>The References header (empty for a thread's first article).</summary>
    public string References => Cache.References ??= Field(5);

    /// <summary>The :bytes field (0 when empty or unreadable).</summary>
    public long Bytes { get; }

    /// <summary>The :lines field (0 when empty, missing or unreadable).</summary>
    public long Lines { get; }

    /// <summary>Non-empty extra fields (name, value) in OVERVIEW.FMT order, "Name: " prefixes of full fields removed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extra =>
        Cache.Extra ??= _format is null ? NoExtra : OverviewParser.ParseExtra(Line, _format);

    /// <summary>The Date field parsed (RFC 5322 and common variants), or null when it cannot be read.</summary>
    public DateTimeOffset? ParsedDate => MimeKit.Utils.DateUtils.TryParse(Date, out var date) ? date : null;

    /// <summary>The Subject with RFC 2047 encoded words decoded.</summary>
    public string DecodedSubject => MimeKit.Utils.Rfc2047.DecodeText(System.Text.Encoding.UTF8.GetBytes(Subject));

    /// <summary>The value of an extra field such as Xref, or null.</summary>
    public string? GetExtra(string name)
    {
        foreach (var pair in Extra)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                return pair.Value;
        }
        return null;
    }

    /// <summary>Number and Message-ID, for logs and the debugger.</summary>
    public override string ToString() => $"{Number} {MessageId}";

    private ReadOnlySpan<byte> Line => _block.AsSpan(_start, _length);

    private string Field(int index) => OverviewParser.Text(OverviewParser.FieldAt(Line, index));

    // Created on first access; a lost race only means a field may be decoded twice, never a wrong value.
    private Strings Cache => _strings ?? CreateCache();

    private Strings CreateCache()
    {
        Interlocked.CompareExchange(ref _strings, new Strings(), null);
        return _strings;
    }

    /// <summary>The text fields created so far; one object for all of them keeps an untouched record small.</summary>
    private sealed class Strings
    {
        public string? Subject;
        public string? From;
        public string? Date;
        public string? MessageId;
        public string? References;
        public IReadOnlyList<KeyValuePair<string, string>>? Extra;
    }
}
