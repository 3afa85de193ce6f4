namespace Inet.News.Par2;

/// <summary>Magic and packet type signatures from the PAR 2.0 specification.</summary>
internal static class Par2PacketTypes
{
    public const int HeaderLength = 64;
    public static ReadOnlySpan<byte> Magic => "PAR2\0PKT"u8;
    public static ReadOnlySpan<byte> Main => "PAR 2.0\0Main\0\0\0\0"u8;
    public static ReadOnlySpan<byte> FileDescription => "PAR 2.0\0FileDesc"u8;
    public static ReadOnlySpan<byte> SliceChecksums => "PAR 2.0\0IFSC\0\0\0\0"u8;
    public static ReadOnlySpan<byte> RecoverySlice => "PAR 2.0\0RecvSlic"u8;
    public static ReadOnlySpan<byte> Creator => "PAR 2.0\0Creator\0"u8;
}
