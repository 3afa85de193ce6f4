namespace Inet.Codecs;

/// <summary>A file to attach: its name (reduced to a safe leaf name), its content, and optionally its MIME type.</summary>
public sealed record MimeAttachment(string FileName, Stream Content, string? ContentType = null);
