namespace Inet.Smtp;

/// <summary>One message with its envelope, as handed to <see cref="SmtpClient.SendAllAsync"/>. <paramref name="Tag"/> is the caller's own.</summary>
public sealed record SmtpOutgoingMessage(SmtpEnvelope Envelope, SmtpMessage Message, object? Tag = null);
