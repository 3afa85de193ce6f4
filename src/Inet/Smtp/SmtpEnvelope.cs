namespace Inet.Smtp;

/// <summary>What RET= asks the server to return in a failure notice (RFC 3461).</summary>
public enum SmtpDsnReturn
{
    Default,
    Full,
    Headers,
}

/// <summary>
/// The SMTP envelope of one message: the reverse path (MAIL FROM; "" is the null sender &lt;&gt;) and the
/// recipients, with the DSN options RET and ENVID. Addresses are checked by <see cref="SmtpAddress"/>
/// before anything is sent.
/// </summary>
public sealed record SmtpEnvelope(string From, IReadOnlyList<SmtpRecipient> Recipients)
{
    public SmtpDsnReturn Return { get; init; }

    /// <summary>ENVID: an identifier the DSN will carry back.</summary>
    public string? EnvelopeId { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> for a bad address (before anything is sent); true when any address is not ASCII (needs SMTPUTF8).</summary>
    public bool CheckAddresses()
    {
        if (Recipients is null || Recipients.Count == 0)
            throw new ArgumentException("A message needs at least one recipient.", nameof(Recipients));
        var utf8 = SmtpAddress.Check(From, nameof(From), allowEmpty: true);
        foreach (var recipient in Recipients)
        {
            utf8 |= SmtpAddress.Check(recipient.Address, nameof(Recipients), allowEmpty: false);
            if (recipient.OriginalRecipient is { } original)
                utf8 |= SmtpAddress.Check(original, nameof(SmtpRecipient.OriginalRecipient), allowEmpty: false);
        }
        if (EnvelopeId is not null)
            Core.CommandGuard.Check(EnvelopeId, nameof(EnvelopeId));
        return utf8;
    }
}
