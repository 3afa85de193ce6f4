using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Inet.Tests.News.Par2;

/// <summary>Writes PAR2 packets by hand (from the PAR 2.0 specification) so the reader and
/// verifier can be tested without par2cmdline. Recovery slice data is filler, not Reed-Solomon.</summary>
internal sealed class Par2TestSet
{
    public static readonly byte[] MainType = "PAR 2.0\0Main\0\0\0\0"u8.ToArray();
    public static readonly byte[] FileDescType = "PAR 2.0\0FileDesc"u8.ToArray();
    public static readonly byte[] IfscType = "PAR 2.0\0IFSC\0\0\0\0"u8.ToArray();
    public static readonly byte[] RecvType = "PAR 2.0\0RecvSlic"u8.ToArray();
    public static readonly byte[] CreatorType = "PAR 2.0\0Creator\0"u8.ToArray();

    public Par2TestSet(int sliceSize, params (string Name, byte[] Data)[] files)
    {
        SliceSize = sliceSize;
        Files = files;
        FileIds = files.Select(f => FileId(f.Name, f.Data)).ToArray();
        var main = new byte[12 + 16 * files.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(main, (ulong)sliceSize);
        BinaryPrimitives.WriteUInt32LittleEndian(main.AsSpan(8), (uint)files.Length);
        for (var i = 0; i < files.Length; i++)
            FileIds[i].CopyTo(main, 12 + 16 * i);
        MainBody = main;
        SetId = MD5.HashData(main);
    }

    public int SliceSize { get; }
    public (string Name, byte[] Data)[] Files { get; }
    public byte[][] FileIds { get; }
    public byte[] MainBody { get; }
    public byte[] SetId { get; }

    public static byte[] Head16K(byte[] data) => MD5.HashData(data.AsSpan(0, Math.Min(16384, data.Length)));

    public static byte[] FileId(string name, byte[] data)
    {
        var input = new List<byte>(Head16K(data));
        input.AddRange(BitConverter.GetBytes((ulong)data.Length));
        input.AddRange(Encoding.UTF8.GetBytes(name));
        return MD5.HashData(input.ToArray());
    }

    public byte[] Packet(byte[] type, byte[] body, byte[]? setId = null)
    {
        var packet = new byte[64 + body.Length];
        "PAR2\0PKT"u8.CopyTo(packet);
        BinaryPrimitives.WriteUInt64LittleEndian(packet.AsSpan(8), (ulong)packet.Length);
        (setId ?? SetId).CopyTo(packet, 32);
        type.CopyTo(packet, 48);
        body.CopyTo(packet, 64);
        MD5.HashData(packet.AsSpan(32)).CopyTo(packet, 16);
        return packet;
    }

    public byte[] MainPacket() => Packet(MainType, MainBody);

    public byte[] FileDescPacket(int i, string? nameOverride = null)
    {
        var (name, data) = Files[i];
        var nameBytes = Encoding.UTF8.GetBytes(nameOverride ?? name);
        var body = new byte[56 + (nameBytes.Length + 3) / 4 * 4];
        FileIds[i].CopyTo(body, 0);
        MD5.HashData(data).CopyTo(body, 16);
        Head16K(data).CopyTo(body, 32);
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(48), (ulong)data.Length);
        nameBytes.CopyTo(body, 56);
        return Packet(FileDescType, body);
    }

    public byte[] IfscPacket(int i, int? sliceCountOverride = null)
    {
        var data = Files[i].Data;
        var count = sliceCountOverride ?? (data.Length + SliceSize - 1) / SliceSize;
        var body = new byte[16 + 20 * count];
        FileIds[i].CopyTo(body, 0);
        for (var s = 0; s < count; s++)
        {
            var slice = new byte[SliceSize]; // zero padded
            var start = Math.Min(s * SliceSize, data.Length);
            data.AsSpan(start, Math.Min(SliceSize, data.Length - start)).CopyTo(slice);
            MD5.HashData(slice).CopyTo(body, 16 + 20 * s);
            BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(16 + 20 * s + 16), Crc32.HashToUInt32(slice));
        }
        return Packet(IfscType, body);
    }

    public byte[] RecoveryPacket(uint exponent, int? dataLength = null)
    {
        var body = new byte[4 + (dataLength ?? SliceSize)];
        BinaryPrimitives.WriteUInt32LittleEndian(body, exponent);
        body.AsSpan(4).Fill(0xA5);
        return Packet(RecvType, body);
    }

    public byte[] CreatorPacket(string text = "Inet test writer") =>
        Packet(CreatorType, Encoding.ASCII.GetBytes(text.PadRight((text.Length + 3) / 4 * 4, '\0')));

    /// <summary>A complete volume: main, per file description + checksums, creator, recovery slices.</summary>
    public byte[] Volume(int recoverySlices = 2)
    {
        var parts = new List<byte[]> { MainPacket() };
        for (var i = 0; i < Files.Length; i++)
        {
            parts.Add(FileDescPacket(i));
            parts.Add(IfscPacket(i));
        }
        parts.Add(CreatorPacket());
        for (var r = 0; r < recoverySlices; r++)
            parts.Add(RecoveryPacket((uint)r));
        return Concat(parts.ToArray());
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] RandomData(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
