using System.Net.Sockets;
using Inet.Core;
using Inet.Nntp;
using Microsoft.Extensions.Logging;

namespace Inet.News.Posting;

/// <summary>
/// Posts one part with bounded retries. A dropped connection or a transient 4xx reconnects and
/// retries with doubling delays; before resending, STAT asks whether the article arrived after
/// all (its 240 may have been lost), so nothing is posted twice. 440/441/5xx are final refusals.
/// </summary>
internal sealed class PartPoster(BinaryPostOptions options, ILogger? logger)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private readonly ArticleWriter _writer = new(options);

    /// <summary>The post time of each article is fixed on its first attempt, so retries resend identical bytes.</summary>
    public async Task<PostedPart> PostAsync(PostConnection connection, PartPlan part, Action<DateTimeOffset> firstSent, CancellationToken cancellationToken)
    {
        var date = DateTimeOffset.UtcNow;
        firstSent(date);
        long sentBytes = 0;
        var delay = options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var client = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
                if (attempt > 1 && await ArrivedAsync(client, part, cancellationToken).ConfigureAwait(false))
                    return Result(part, sentBytes, PartPostStatus.Posted, attempt);
                await ArticleStreamer.PostAsync(client, (s, ct) => _writer.WriteAsync(part, date, s, ct),
                    size => sentBytes = size, cancellationToken).ConfigureAwait(false);
                return Result(part, sentBytes, PartPostStatus.Posted, attempt);
            }
            catch (ProtocolException e) when (IsFatal(e))
            {
                await connection.ResetAsync().ConfigureAwait(false);
                return Result(part, 0, PartPostStatus.Failed, attempt, e.Code, Describe(e));
            }
            catch (ProtocolException e) when (IsRefusal(e))
            {
                // A retried article refused as a duplicate was stored by the attempt whose reply was lost.
                if (attempt > 1 && await ArrivedAfterRefusalAsync(connection, part, cancellationToken).ConfigureAwait(false))
                    return Result(part, sentBytes, PartPostStatus.Posted, attempt);
                logger?.LogWarning("{File} part {Part}/{Total} refused: {Code} {Text}", part.File.Name, part.Number, part.Total, e.Code, e.Text);
                return Result(part, 0, PartPostStatus.Refused, attempt, e.Code, Describe(e));
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                await connection.ResetAsync().ConfigureAwait(false);
                if (attempt > options.MaxRetries)
                    return Result(part, 0, PartPostStatus.Failed, attempt, (e as ProtocolException)?.Code, Describe(e));
                logger?.LogInformation("{File} part {Part}/{Total}: {Error}; retry {Attempt} in {Delay}", part.File.Name, part.Number, part.Total, e.Message, attempt, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = delay * 2 > MaxDelay ? MaxDelay : delay * 2;
            }
        }
    }

    private static PostedPart Result(PartPlan part, long sent, PartPostStatus status, int attempts, int? code = null, string? error = null) =>
        new(part.File.Name, part.Number, part.Total, part.MessageId, part.Offset, part.Length, sent, status, attempts, code, error);

    private static async Task<bool> ArrivedAsync(NntpClient client, PartPlan part, CancellationToken cancellationToken)
    {
        try
        {
            await client.StatAsync(ArticleId.ByMessageId(part.MessageId), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ProtocolException e) when (!IsFatal(e))
        {
            // 430 (not there) or a server that will not say: post it again.
            return false;
        }
    }

    private static async Task<bool> ArrivedAfterRefusalAsync(PostConnection connection, PartPlan part, CancellationToken cancellationToken)
    {
        try
        {
            var client = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
            return await ArrivedAsync(client, part, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e) || e is ProtocolException)
        {
            return false;
        }
    }

    /// <summary>Authentication trouble, or a 502 welcome (no service for us): retrying cannot help, so the run stops.</summary>
    private static bool IsFatal(ProtocolException e) =>
        e is NntpAuthenticationRequiredException or AuthenticationFailedException || e.Code is 480 or 481 or 482 or 483
        || e is NntpServiceUnavailableException { Code: 502 };

    private static bool IsRefusal(ProtocolException e) => e is NntpPostingException || e.Code >= 500;

    private static bool IsTransient(Exception e) => e switch
    {
        ProtocolViolationException => true,
        ProtocolException p => p.IsTransient,
        IOException or SocketException or TimeoutException => true,
        OperationCanceledException => true, // a read timeout surfaces as a cancellation the caller did not ask for
        InvalidOperationException => true, // the client refused a command on a connection an earlier error broke
        _ => false,
    };

    private static string Describe(Exception e) => e is ProtocolException p ? $"{p.Code} {p.Text}" : e.Message;
}
