namespace Inet.IntegrationTests.Infrastructure;

/// <summary>Test classes marked [Collection(NntpServerCollection.Name)] share one <see cref="NntpServerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class NntpServerCollection : ICollectionFixture<NntpServerFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "NNTP server";
}
