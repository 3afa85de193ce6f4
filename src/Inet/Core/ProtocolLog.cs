using System.Text;
using Microsoft.Extensions.Logging;

namespace Inet.Core;

/// <summary>
/// The C:/S: transcript of a session at Trace level. Secrets are marked by the caller where they
/// are sent, so they are never formatted into a log line at all.
/// </summary>
public sealed class ProtocolLog
{
    /// <summary>What stands in the log for a password or an AUTH payload.</summary>
    public const string Redacted = "********";

    private readonly ILogger _logger;

    public ProtocolLog(ILogger? logger) => _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public bool IsEnabled => _logger.IsEnabled(LogLevel.Trace);

    public ILogger Logger => _logger;

    public void Client(string line)
    {
        if (IsEnabled)
            _logger.LogTrace("C: {Line}", Printable.Escape(line));
    }

    public void ClientSecret(string visiblePart) => Client(visiblePart + Redacted);

    public void Server(ReadOnlySpan<byte> line)
    {
        if (IsEnabled)
            _logger.LogTrace("S: {Line}", Printable.Escape(Encoding.UTF8.GetString(line)));
    }

    public void Info(string message)
    {
        if (IsEnabled)
            _logger.LogTrace("   {Message}", message);
    }
}
