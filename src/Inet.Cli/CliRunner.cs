using System.Net.Sockets;
using System.Security.Authentication;
using Inet.Core;

namespace Inet.Cli;

/// <summary>Runs a command body and turns failures into the documented exit codes, with the message on stderr.</summary>
internal static class CliRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body, TextWriter? error = null)
    {
        error ??= Console.Error;
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync("inet: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (AuthenticationFailedException e)
        {
            await error.WriteLineAsync("inet: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Network;
        }
        catch (Inet.Codecs.OutputWriteException e)
        {
            await error.WriteLineAsync($"inet: {e.Message}; stopped, keeping what was downloaded: run the same command again to continue").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Inet.Ftp.FtpIncompleteTransferException e)
        {
            await error.WriteLineAsync("inet: transfer incomplete: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (ProtocolException e)
        {
            await error.WriteLineAsync($"inet: server refused ({e.Code}): {e.Text}").ConfigureAwait(false);
            return ExitCodes.ServerRefused;
        }
        catch (Exception e) when (e is IOException or SocketException or AuthenticationException or TimeoutException)
        {
            await error.WriteLineAsync("inet: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Network;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await error.WriteLineAsync("inet: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("inet: cancelled").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            await error.WriteLineAsync("inet: certificate: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }
}

/// <summary>Bad command-line use: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
