namespace Inet.Tests.Fakes;

/// <summary>
/// What a <see cref="FakeFtpServer"/> lists in FEAT. A feature left out is not implemented either: its
/// command gets 502, as on an older server.
/// </summary>
[Flags]
public enum FakeFtpFeatures
{
    None = 0,

    /// <summary>MLST and MLSD (RFC 3659).</summary>
    Mlst = 1,
    Size = 2,
    Mdtm = 4,

    /// <summary>Setting a file's time (MFMT).</summary>
    Mfmt = 8,
    Epsv = 16,

    /// <summary>REST before RETR and STOR ("REST STREAM"). PASV-era servers without it refuse REST.</summary>
    RestStream = 32,
    Utf8 = 64,

    All = Mlst | Size | Mdtm | Mfmt | Epsv | RestStream | Utf8,

    /// <summary>An RFC 959 server with the common extras but no machine listings: LIST, SIZE, MDTM.</summary>
    ListOnly = Size | Mdtm | Epsv | RestStream,
}
