namespace Inet.News.Par2;

/// <summary>Result of <see cref="Par2Verifier.VerifyAsync"/> for a whole recovery set.</summary>
public sealed record Par2VerificationResult(Par2RecoverySet Set, IReadOnlyList<Par2FileVerification> Files)
{
    /// <summary>True when every described file is <see cref="Par2FileStatus.Ok"/> and none is undescribed.</summary>
    public bool AllOk => Files.All(f => f.Status == Par2FileStatus.Ok) && !Set.FilesWithoutDescription.Any();

    /// <summary>Slices of recovery-set files that need repair (whole files when no slice checksums exist).</summary>
    public long SlicesNeeded => Files.Where(f => f.File.InRecoverySet && f.Status != Par2FileStatus.Ok).Sum(f =>
        f.File.Slices is null || f.Status == Par2FileStatus.UnsafeName
            ? Set.SliceCountFor(f.File.Description.Length)
            : f.DamagedSlices.Count);

    /// <summary>A first estimate: enough recovery slices exist for the damage found (renamed files
    /// and misplaced data, which <c>par2 repair</c> can also use, are not counted).</summary>
    public bool RepairLikelyPossible => SlicesNeeded <= Set.RecoverySliceCount
        && Files.All(f => f.File.InRecoverySet || f.Status == Par2FileStatus.Ok);
}
