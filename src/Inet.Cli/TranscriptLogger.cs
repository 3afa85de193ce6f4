using Microsoft.Extensions.Logging;

namespace Inet.Cli;

/// <summary>
/// --verbose: every log line, prefixed with its category, written at once to one writer
/// (stderr, or a test's writer). Lines from several connections are serialised, never interleaved.
/// </summary>
internal sealed class TranscriptLogger(TextWriter writer, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var line = category + ": " + formatter(state, exception);
        lock (writer)
            writer.WriteLine(line);
    }

    /// <summary>A factory whose loggers all write to <paramref name="writer"/>.</summary>
    public static ILoggerFactory CreateFactory(TextWriter writer) =>
        LoggerFactory.Create(b => b.AddProvider(new Provider(writer)).SetMinimumLevel(LogLevel.Trace));

    private sealed class Provider(TextWriter writer) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new TranscriptLogger(writer, categoryName);

        public void Dispose() { }
    }
}
