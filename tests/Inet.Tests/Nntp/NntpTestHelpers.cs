using Inet.Core;
using Inet.Nntp;
using Inet.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace Inet.Tests.Nntp;

internal static class NntpTestHelpers
{
    public const string Caps = """
        S: 101 Capability list:
        S: VERSION 2
        S: READER
        S: POST
        S: OVER
        S: HDR
        S: LIST ACTIVE NEWSGROUPS OVERVIEW.FMT HEADERS
        S: .
        """;

    /// <summary>Welcome + CAPABILITIES, as every session starts.</summary>
    public static ScriptedServer Server(string afterHandshake, bool postingAllowed = true) =>
        new ScriptedServer().Script((postingAllowed ? "S: 200 news.test ready\n" : "S: 201 news.test no posting\n")
            + "C: CAPABILITIES\n" + Caps + "\n" + afterHandshake);

    public static NntpClientOptions Options(ScriptedServer server, Action<ConnectionSettings>? _ = null, string? user = null,
        string? password = null, ILogger? logger = null, X509Roots roots = default) => new()
    {
        Connection = new ConnectionSettings
        {
            Host = "localhost",
            Port = server.Port,
            ReadTimeout = TimeSpan.FromSeconds(10),
            TrustedRootCertificates = roots.Certificates,
        },
        UserName = user,
        Password = password,
        Logger = logger,
    };

    public static Task<NntpClient> Connect(ScriptedServer server, string? user = null, string? password = null, ILogger? logger = null, X509Roots roots = default) =>
        NntpClient.ConnectAsync(Options(server.Start(), null, user, password, logger, roots));

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
            list.Add(item);
        return list;
    }
}

internal readonly record struct X509Roots(System.Security.Cryptography.X509Certificates.X509Certificate2Collection? Certificates);

/// <summary>Captures every formatted log line, to prove secrets stay out of the log.</summary>
internal sealed class CapturingLogger : ILogger
{
    public List<string> Lines { get; } = [];
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Lines) Lines.Add(formatter(state, exception));
    }
}
