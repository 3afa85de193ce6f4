namespace Inet.IntegrationTests.Packaging;

/// <summary>Packing compiles the tool four times: it runs alone, after the parallel tests, so their timeouts hold.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagingCollection : ICollectionFixture<PackagedTool>
{
    public const string Name = "Packaging";
}
