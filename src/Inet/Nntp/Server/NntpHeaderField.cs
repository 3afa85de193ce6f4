namespace Inet.Nntp.Server;

/// <summary>One article header: its name as written and its unfolded value.</summary>
public readonly record struct NntpHeaderField(string Name, string Value);
