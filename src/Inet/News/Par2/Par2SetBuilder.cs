using System.Buffers.Binary;
using System.Text;

namespace Inet.News.Par2;

/// <summary>Collects verified packets from any number of volumes and assembles the recovery set.</summary>
internal sealed class Par2SetBuilder
{
    private readonly Dictionary<Par2Hash, Parts> _sets = [];

    public int Damaged { get; set; }

    /// <summary>Names from every valid File Description packet of every set seen, for safety checks
    /// (par2cmdline may pick a different set from the same files than <see cref="Build"/> does).</summary>
    public List<string> AllFileNames { get; } = [];
    private int _valid, _duplicate, _unknown;

    private sealed class Parts
    {
        public (long SliceSize, Par2Hash[] Recovery, Par2Hash[] NonRecovery)? Main;
        public readonly Dictionary<Par2Hash, Par2FileDescription> Descriptions = [];
        public readonly Dictionary<Par2Hash, Par2SliceChecksum[]> Checksums = [];
        public readonly Dictionary<uint, long> RecoverySlices = [];
        public string? Creator;
        public int Packets;
    }

    public void AddRecoverySlice(Par2Hash setId, uint exponent, long dataLength)
    {
        var parts = PartsFor(setId);
        if (!parts.RecoverySlices.TryAdd(exponent, dataLength))
            _duplicate++;
    }

    /// <summary>Adds a packet whose MD5 matched; false when its body is malformed.</summary>
    public bool Add(Par2Hash setId, ReadOnlySpan<byte> type, ReadOnlySpan<byte> body)
    {
        var parts = PartsFor(setId);
        bool? added;
        if (type.SequenceEqual(Par2PacketTypes.Main))
            added = AddMain(parts, body);
        else if (type.SequenceEqual(Par2PacketTypes.FileDescription))
            added = AddDescription(parts, body);
        else if (type.SequenceEqual(Par2PacketTypes.SliceChecksums))
            added = AddChecksums(parts, body);
        else if (type.SequenceEqual(Par2PacketTypes.Creator))
            added = parts.Creator is null ? SetCreator(parts, body) : false;
        else
        {
            _unknown++;
            return true;
        }
        if (added is null)
            return false;
        _valid++;
        if (added == false)
            _duplicate++;
        return true;
    }

    public Par2RecoverySet Build()
    {
        var (setId, parts) = _sets.Where(s => s.Value.Main is not null)
            .OrderByDescending(s => s.Value.Packets).FirstOrDefault();
        if (parts?.Main is not { } main)
            throw new Par2FormatException(FormattableString.Invariant(
                $"No valid PAR2 Main packet found ({_valid} valid, {Damaged} damaged packets)"));

        var files = new List<Par2FileEntry>();
        foreach (var (ids, inRecovery) in new[] { (main.Recovery, true), (main.NonRecovery, false) })
        {
            foreach (var id in ids)
            {
                if (!parts.Descriptions.TryGetValue(id, out var description))
                    continue;
                var slices = parts.Checksums.GetValueOrDefault(id);
                var expected = description.Length == 0 ? 0 : (description.Length - 1) / main.SliceSize + 1;
                if (slices is not null && slices.Length != expected)
                {
                    Damaged++; // checksums for a different length: unusable
                    slices = null;
                }
                files.Add(new Par2FileEntry(description, slices, inRecovery));
            }
        }
        var foreign = _sets.Where(s => s.Key != setId).Sum(s => s.Value.Packets);
        var recoverySlices = parts.RecoverySlices.Count(s => s.Value == main.SliceSize);
        var stats = new Par2PacketStats(_valid, Damaged, _duplicate, foreign, _unknown);
        return new Par2RecoverySet(setId, main.SliceSize, main.Recovery, main.NonRecovery, files, parts.Creator, recoverySlices, stats);
    }

    private Parts PartsFor(Par2Hash setId)
    {
        if (!_sets.TryGetValue(setId, out var parts))
            _sets[setId] = parts = new Parts();
        parts.Packets++;
        return parts;
    }

    private static bool? AddMain(Parts parts, ReadOnlySpan<byte> body)
    {
        if (body.Length < 12 || (body.Length - 12) % 16 != 0)
            return null;
        var sliceSize = BinaryPrimitives.ReadUInt64LittleEndian(body);
        var recoveryCount = BinaryPrimitives.ReadUInt32LittleEndian(body[8..]);
        var idCount = (body.Length - 12) / 16;
        if (sliceSize == 0 || sliceSize % 4 != 0 || sliceSize > long.MaxValue || recoveryCount > idCount)
            return null;
        if (parts.Main is not null)
            return false;
        var ids = new Par2Hash[idCount];
        for (var i = 0; i < idCount; i++)
            ids[i] = Par2Hash.Read(body.Slice(12 + 16 * i, 16));
        parts.Main = ((long)sliceSize, ids[..(int)recoveryCount], ids[(int)recoveryCount..]);
        return true;
    }

    private bool? AddDescription(Parts parts, ReadOnlySpan<byte> body)
    {
        if (body.Length < 56)
            return null;
        var length = BinaryPrimitives.ReadUInt64LittleEndian(body[48..]);
        if (length > long.MaxValue)
            return null;
        var id = Par2Hash.Read(body);
        if (parts.Descriptions.ContainsKey(id))
            return false;
        var name = Encoding.UTF8.GetString(body[56..].TrimEnd((byte)0));
        AllFileNames.Add(name);
        parts.Descriptions[id] = new Par2FileDescription(id, Par2Hash.Read(body[16..]), Par2Hash.Read(body[32..]), (long)length, name);
        return true;
    }

    private static bool? AddChecksums(Parts parts, ReadOnlySpan<byte> body)
    {
        if (body.Length < 16 || (body.Length - 16) % 20 != 0)
            return null;
        var id = Par2Hash.Read(body);
        if (parts.Checksums.ContainsKey(id))
            return false;
        var slices = new Par2SliceChecksum[(body.Length - 16) / 20];
        for (var i = 0; i < slices.Length; i++)
        {
            var entry = body.Slice(16 + 20 * i, 20);
            slices[i] = new Par2SliceChecksum(Par2Hash.Read(entry), BinaryPrimitives.ReadUInt32LittleEndian(entry[16..]));
        }
        parts.Checksums[id] = slices;
        return true;
    }

    private static bool SetCreator(Parts parts, ReadOnlySpan<byte> body)
    {
        parts.Creator = Encoding.UTF8.GetString(body.TrimEnd((byte)0));
        return true;
    }
}
