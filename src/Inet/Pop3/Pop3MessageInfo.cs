namespace Inet.Pop3;

/// <summary>A message's number, size and (when the server offers UIDL) unique id.</summary>
public sealed record Pop3MessageInfo(int Number, long Size, string? Uid);
