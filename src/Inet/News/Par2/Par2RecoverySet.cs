namespace Inet.News.Par2;

/// <summary>A PAR2 recovery set as read from one or more .par2 volumes.</summary>
public sealed class Par2RecoverySet
{
    internal Par2RecoverySet(Par2Hash setId, long sliceSize, IReadOnlyList<Par2Hash> recoveryFileIds,
        IReadOnlyList<Par2Hash> nonRecoveryFileIds, IReadOnlyList<Par2FileEntry> files, string? creator,
        int recoverySliceCount, Par2PacketStats packets)
    {
        SetId = setId;
        SliceSize = sliceSize;
        RecoveryFileIds = recoveryFileIds;
        NonRecoveryFileIds = nonRecoveryFileIds;
        Files = files;
        Creator = creator;
        RecoverySliceCount = recoverySliceCount;
        Packets = packets;
    }

    /// <summary>The recovery set id (MD5 of the Main packet body).</summary>
    public Par2Hash SetId { get; }

    /// <summary>Slice size in bytes (a multiple of 4).</summary>
    public long SliceSize { get; }

    /// <summary>File ids of the recovery set, from the Main packet.</summary>
    public IReadOnlyList<Par2Hash> RecoveryFileIds { get; }

    /// <summary>File ids of the non-recovery set (verified but not repairable), from the Main packet.</summary>
    public IReadOnlyList<Par2Hash> NonRecoveryFileIds { get; }

    /// <summary>Files that have a File Description packet, in Main packet order.</summary>
    public IReadOnlyList<Par2FileEntry> Files { get; }

    /// <summary>File ids named by the Main packet for which no File Description packet was found.</summary>
    public IEnumerable<Par2Hash> FilesWithoutDescription =>
        RecoveryFileIds.Concat(NonRecoveryFileIds).Where(id => Files.All(f => f.Description.FileId != id));

    /// <summary>Text of the Creator packet, if any.</summary>
    public string? Creator { get; }

    /// <summary>Distinct recovery slices found (by exponent; their data is not checked here).</summary>
    public int RecoverySliceCount { get; }

    /// <summary>Packet counts, including damaged and duplicate ones.</summary>
    public Par2PacketStats Packets { get; }

    /// <summary>Number of slices a file of <paramref name="length"/> bytes has.</summary>
    public long SliceCountFor(long length) => length == 0 ? 0 : (length - 1) / SliceSize + 1;
}
