namespace Inet.Tests.Fakes;

public enum FakeFtpFaultKind
{
    /// <summary>RETR/STOR/APPE answered 550 at once.</summary>
    Refuse550,

    /// <summary>RETR sends only <see cref="FakeFtpFault.Bytes"/> bytes, then says 226 as if all were sent.</summary>
    ShortData226,

    /// <summary>RETR says 150, sends <see cref="FakeFtpFault.Bytes"/> bytes, then drops the data and control connections.</summary>
    DisconnectAfter150,

    /// <summary>RETR sends <see cref="FakeFtpFault.Bytes"/> bytes, then nothing more until the client gives up (426 then).</summary>
    StallAfter,

    /// <summary>STOR/APPE keeps only the first <see cref="FakeFtpFault.Bytes"/> bytes received and answers 426.</summary>
    StoreKeepThen426,
}

/// <summary>A misbehaviour for the next <see cref="Times"/> transfers of one path.</summary>
public sealed record FakeFtpFault(FakeFtpFaultKind Kind, long Bytes = 0, int Times = 1)
{
    public static FakeFtpFault Refuse(int times = int.MaxValue) => new(FakeFtpFaultKind.Refuse550, Times: times);

    public static FakeFtpFault ShortData(long bytes, int times = 1) => new(FakeFtpFaultKind.ShortData226, bytes, times);

    public static FakeFtpFault Disconnect(long bytes, int times = 1) => new(FakeFtpFaultKind.DisconnectAfter150, bytes, times);

    public static FakeFtpFault Stall(long bytes, int times = 1) => new(FakeFtpFaultKind.StallAfter, bytes, times);

    public static FakeFtpFault StoreKeep(long bytes, int times = 1) => new(FakeFtpFaultKind.StoreKeepThen426, bytes, times);
}
