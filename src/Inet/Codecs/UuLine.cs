using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Inet.Codecs;

/// <summary>Encodes and decodes single uuencode lines: a length character, then 4 characters per 3 bytes.</summary>
internal static class UuLine
{
    /// <summary>Bytes per full line, as every common encoder writes (length character <c>M</c>).</summary>
    public const int BytesPerLine = 45;

    /// <summary>Room <see cref="Decode"/> may touch past the decoded bytes (whole-vector stores).</summary>
    public const int OutputSlack = 16;

    /// <summary>Largest output of one line (length character <c>_</c> = 63 bytes, rounded to groups).</summary>
    public const int MaxLineBytes = 63;

    // Encoders may add a checksum character or stray padding after the groups.
    private const int AllowedExtraChars = 3;

    /// <summary>
    /// Decodes one line (without its line end) into <paramref name="output"/>, which needs
    /// <see cref="MaxLineBytes"/> + <see cref="OutputSlack"/> bytes. Returns the byte count, 0 for a
    /// zero-length line, or -1 when the line is not uuencoded data.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> line, Span<byte> output)
    {
        if (line.IsEmpty)
            return 0; // a zero-length line whose space was stripped
        var count = (uint)(line[0] - 32);
        if (count > 64)
            return -1;
        count &= 63; // '`' stands for 0
        if (count == 0)
            return 0;
        var chars = (int)((count + 2) / 3 * 4);
        var body = line[1..];
        if (body.Length > chars + AllowedExtraChars)
            return -1;
        if (body.Length < chars)
            return DecodePadded(body, chars, (int)count, output);
        return DecodeGroups(body[..chars], output) ? (int)count : -1;
    }

    /// <summary>True for the <c>end</c> line (trailing blanks allowed).</summary>
    public static bool IsEnd(ReadOnlySpan<byte> line) => line.TrimEnd(" \t"u8).SequenceEqual("end"u8);

    /// <summary>Encodes up to 45 bytes as one line without line end; <paramref name="output"/> needs 61 bytes.</summary>
    public static int Encode(ReadOnlySpan<byte> data, Span<byte> output)
    {
        output[0] = EncodeChar(data.Length);
        var o = 1;
        var i = 0;
        for (; i + 3 <= data.Length; i += 3, o += 4)
            EncodeGroup(data[i], data[i + 1], data[i + 2], output[o..]);
        if (i < data.Length)
        {
            var b1 = i + 1 < data.Length ? data[i + 1] : (byte)0;
            EncodeGroup(data[i], b1, 0, output[o..]);
            o += 4;
        }
        return o;
    }

    // The gateway stripped trailing spaces: put them back, since a space is six zero bits.
    private static int DecodePadded(ReadOnlySpan<byte> body, int chars, int count, Span<byte> output)
    {
        Span<byte> padded = stackalloc byte[84];
        padded[..chars].Fill((byte)' ');
        body.CopyTo(padded);
        return DecodeGroups(padded[..chars], output) ? count : -1;
    }

    /// <summary>
    /// Fast path for the common full line (<c>M</c> + 60 characters = 45 bytes): <paramref name="chars"/> are the
    /// 60 characters after <c>M</c>. Returns false if any is not a uu character (nothing useful was written).
    /// </summary>
    public static bool TryDecodeFullLine(ReadOnlySpan<byte> chars, Span<byte> output)
    {
        if (!Vector128.IsHardwareAccelerated || chars.Length < 60 || output.Length < BytesPerLine + OutputSlack)
            return DecodeGroups(chars[..60], output);
        ref var source = ref MemoryMarshal.GetReference(chars);
        ref var target = ref MemoryMarshal.GetReference(output);
        var bad = DecodeVector(ref source, 0, ref target, 0)
            | DecodeVector(ref source, 16, ref target, 12)
            | DecodeVector(ref source, 32, ref target, 24)
            | DecodeVector(ref source, 44, ref target, 33); // overlaps the previous group of 4
        return bad == Vector128<byte>.Zero;
    }

    private static bool DecodeGroups(ReadOnlySpan<byte> body, Span<byte> output)
    {
        var i = 0;
        var o = 0;
        var bad = false;
        if (Vector128.IsHardwareAccelerated && body.Length >= 16)
        {
            var badVector = Vector128<byte>.Zero;
            ref var source = ref MemoryMarshal.GetReference(body);
            ref var target = ref MemoryMarshal.GetReference(output);
            for (; i + 16 <= body.Length; i += 16, o += 12)
                badVector |= DecodeVector(ref source, i, ref target, o);
            if (i < body.Length)
            {
                // Redo the last 16 characters (whole groups) instead of a scalar tail.
                var last = body.Length - 16;
                badVector |= DecodeVector(ref source, last, ref target, last / 4 * 3);
                i = body.Length;
            }
            bad = badVector != Vector128<byte>.Zero;
        }
        for (; i < body.Length; i += 4, o += 3)
        {
            var a = (uint)(body[i] - 32);
            var b = (uint)(body[i + 1] - 32);
            var c = (uint)(body[i + 2] - 32);
            var d = (uint)(body[i + 3] - 32);
            bad |= Math.Max(Math.Max(a, b), Math.Max(c, d)) > 64;
            var v = ((a & 63) << 18) | ((b & 63) << 12) | ((c & 63) << 6) | (d & 63);
            output[o] = (byte)(v >> 16);
            output[o + 1] = (byte)(v >> 8);
            output[o + 2] = (byte)v;
        }
        return !bad;
    }

    // Decodes 16 characters at source[i] into 12 bytes at target[o] (writing 16); returns non-zero lanes for bad characters.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> DecodeVector(ref byte source, int i, ref byte target, int o)
    {
        var chars = Vector128.LoadUnsafe(ref source, (nuint)i) - Vector128.Create((byte)32);
        Pack(chars & Vector128.Create((byte)63)).StoreUnsafe(ref target, (nuint)o);
        return Vector128.GreaterThan(chars, Vector128.Create((byte)64));
    }

    // 16 six-bit values -> 12 bytes (in the low 12 lanes), four values per 32-bit lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Pack(Vector128<byte> sixBits)
    {
        var w = sixBits.AsUInt32();
        var v = ((w & Vector128.Create(0xFFu)) << 18)
            | ((w & Vector128.Create(0xFF00u)) << 4)
            | ((w & Vector128.Create(0xFF0000u)) >> 10)
            | (w >> 24);
        return Vector128.Shuffle(v.AsByte(), Vector128.Create((byte)2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 3, 7, 11, 15));
    }

    private static void EncodeGroup(byte b0, byte b1, byte b2, Span<byte> output)
    {
        output[0] = EncodeChar(b0 >> 2);
        output[1] = EncodeChar(((b0 << 4) | (b1 >> 4)) & 63);
        output[2] = EncodeChar(((b1 << 2) | (b2 >> 6)) & 63);
        output[3] = EncodeChar(b2 & 63);
    }

    // Zero is written as '`' rather than a space, so gateways cannot strip it.
    private static byte EncodeChar(int sixBits) => sixBits == 0 ? (byte)'`' : (byte)(sixBits + 32);
}
