namespace Inet.Core;

/// <summary>Process exit codes shared by the <c>inet</c> command and its tests.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    /// <summary>The server answered with a refusal (e.g. 423/430), or a decoded file is damaged.</summary>
    public const int ServerRefused = 3;
    /// <summary>Network, TLS or authentication failure.</summary>
    public const int Network = 4;
}
