using System.IO.Compression;
using System.Xml.Linq;
using Inet.Cli.Native;

namespace Inet.IntegrationTests.Packaging;

/// <summary>The packages scripts/pack.sh writes, installed and run as a user would.</summary>
[Collection(PackagingCollection.Name)]
public sealed class PackagedToolTests(PackagedTool tool)
{
    private static readonly string ThisCpuLevel = CpuLevels.Best(CpuFlags.Read());

    [RequiresPackagingToolsFact]
    public void Pack_WritesEveryPackage()
    {
        var names = Directory.GetFiles(tool.Packages).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            ["Inet.0.9.0.nupkg", "Inet.0.9.0.snupkg", "Inet.Cli.0.9.0.nupkg", "Inet.Cli.any.0.9.0.nupkg",
             "Inet.Cli.linux-arm64.0.9.0.nupkg", "Inet.Cli.linux-x64.0.9.0.nupkg", "nuget.config"],
            names);
    }

    [RequiresPackagingToolsFact]
    public void Packages_CarryMetadataDocsAndReadme()
    {
        foreach (var package in new[] { "Inet.0.9.0.nupkg", "Inet.Cli.0.9.0.nupkg" })
        {
            using var zip = ZipFile.OpenRead(Path.Combine(tool.Packages, package));
            var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            using var stream = nuspec.Open();
            var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
            Assert.Equal("MIT", Value("license"));
            Assert.StartsWith("https://", Value("projectUrl"), StringComparison.Ordinal);
            Assert.Equal("README.md", Value("readme"));
            Assert.Contains("nntp", Value("tags"), StringComparison.Ordinal);
            Assert.True(Value("description").Length > 80, package + ": description too short");
            Assert.NotNull(zip.GetEntry("README.md"));
        }
        using var library = ZipFile.OpenRead(Path.Combine(tool.Packages, "Inet.0.9.0.nupkg"));
        Assert.NotNull(library.GetEntry("lib/net10.0/Inet.dll"));
        Assert.NotNull(library.GetEntry("lib/net10.0/Inet.xml"));
        using var symbols = ZipFile.OpenRead(Path.Combine(tool.Packages, "Inet.0.9.0.snupkg"));
        Assert.NotNull(symbols.GetEntry("lib/net10.0/Inet.pdb"));
    }

    [RequiresPackagingToolsFact]
    public void PointerPackage_NamesTheNativeAndTheFrameworkDependentPackages()
    {
        var settings = XDocument.Load(tool.Extract("Inet.Cli.0.9.0.nupkg", "tools/any/any/DotnetToolSettings.xml"));
        var rids = settings.Descendants("RuntimeIdentifierPackage").Select(e => (string)e.Attribute("RuntimeIdentifier")!).Order(StringComparer.Ordinal);
        Assert.Equal(["any", "linux-arm64", "linux-x64"], rids);
        Assert.Equal("inet", (string)settings.Descendants("Command").Single().Attribute("Name")!);
    }

    [RequiresPackagingToolsFact]
    public void InstalledTool_IsTheNativeBuildForThisCpu()
    {
        var (output, _) = PackagedTool.Run(tool.Inet, ["--version", "--verbose"]);

        Assert.True(output.Contains($"build:  native (ahead-of-time compiled) for {ThisCpuLevel}, linux-x64", StringComparison.Ordinal), output);
        Assert.Contains("yEnc:   " + ExpectedYencKernel(ThisCpuLevel), output, StringComparison.Ordinal);
    }

    /// <summary>Each x64 build in the package is compiled for its own level (an incremental pack once shipped one binary three times).</summary>
    [RequiresPackagingToolsFact]
    public void X64Package_HoldsOneBuildPerLevel()
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var level in new[] { "x86-64-v2", "x86-64-v3", "x86-64-v4" })
        {
            var file = level == CpuLevels.Baseline ? "Inet.Cli" : "Inet.Cli." + level;
            var path = tool.Extract("Inet.Cli.linux-x64.0.9.0.nupkg", "tools/any/linux-x64/" + file);
            hashes.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));
            if (!CpuLevels.Runs(level, CpuFlags.Read()))
                continue;   // a build for more than this CPU has would not start
            if (!OperatingSystem.IsLinux())
                throw new PlatformNotSupportedException("the packages are built on Linux");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var stay = new Dictionary<string, string> { [NativeBuildSelector.LevelVariable] = CpuLevels.Baseline };
            var (version, _) = PackagedTool.Run(path, ["--version", "--verbose"], stay);
            Assert.True(version.Contains($"for {level}, linux-x64", StringComparison.Ordinal), version);
        }
        Assert.Equal(3, hashes.Count);
    }

    [RequiresPackagingToolsFact]
    public void InstalledTool_RunsTheDemo()
    {
        var (output, _) = PackagedTool.Run(tool.Inet, ["demo"], workingDirectory: NewFolder());

        Assert.Contains("all 3 files verified", output, StringComparison.Ordinal);
    }

    /// <summary>The SSE build serves CPUs without AVX2: its kernels run the whole demo here too.</summary>
    [RequiresPackagingToolsFact]
    public void InstalledTool_AtTheBaselineLevel_RunsTheDemoWithSsse3Kernels()
    {
        var baseline = new Dictionary<string, string> { [NativeBuildSelector.LevelVariable] = CpuLevels.Baseline };

        var (version, _) = PackagedTool.Run(tool.Inet, ["--version", "--verbose"], baseline);
        var (demo, _) = PackagedTool.Run(tool.Inet, ["demo"], baseline, NewFolder());

        Assert.Contains("build:  native (ahead-of-time compiled) for x86-64-v2, linux-x64", version, StringComparison.Ordinal);
        Assert.Contains("yEnc:   128-bit (SSSE3)", version, StringComparison.Ordinal);
        Assert.Contains("all 3 files verified", demo, StringComparison.Ordinal);
    }

    /// <summary>
    /// The cross-compiled arm64 build, under qemu-user: it reports NEON kernels, and its yEnc parts are byte for
    /// byte those of the x64 build, each decoding the other's. (Not the demo: its SHA-256 checks need an arm64
    /// libssl, which the cross toolchain does not bring.)
    /// </summary>
    [RequiresPackagingToolsFact(NeedsQemu = true)]
    public void Arm64Package_EncodesAndDecodesYencLikeTheX64Build()
    {
        var binary = tool.Extract("Inet.Cli.linux-arm64.0.9.0.nupkg", "tools/any/linux-arm64/Inet.Cli");
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("the packages are built on Linux");
        File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        (string, int) Arm64(params string[] arguments) =>
            PackagedTool.Run("qemu-aarch64", ["-L", "/usr/aarch64-linux-gnu", binary, .. arguments]);
        var work = NewFolder();
        var original = new byte[2_500_000];
        new Random(15).NextBytes(original);
        var input = Path.Combine(work, "data.bin");
        File.WriteAllBytes(input, original);

        var (version, _) = Arm64("--version", "--verbose");
        Arm64("yenc", "encode", input, "-o", Path.Combine(work, "arm"), "--part-size", "600000");
        PackagedTool.Run(tool.Inet, ["yenc", "encode", input, "-o", Path.Combine(work, "x64"), "--part-size", "600000"]);
        var armParts = Directory.GetFiles(Path.Combine(work, "arm")).Order(StringComparer.Ordinal).ToArray();
        var x64Parts = Directory.GetFiles(Path.Combine(work, "x64")).Order(StringComparer.Ordinal).ToArray();
        Arm64(["yenc", "decode", .. x64Parts, "-o", Path.Combine(work, "arm-decoded")]);
        PackagedTool.Run(tool.Inet, ["yenc", "decode", .. armParts, "-o", Path.Combine(work, "x64-decoded")]);

        Assert.Contains("build:  native (ahead-of-time compiled), linux-arm64", version, StringComparison.Ordinal);
        Assert.Contains("yEnc:   128-bit (NEON)", version, StringComparison.Ordinal);
        Assert.Equal(5, armParts.Length);
        Assert.Equal(x64Parts.Select(Path.GetFileName), armParts.Select(Path.GetFileName));
        for (var i = 0; i < armParts.Length; i++)
            Assert.True(File.ReadAllBytes(armParts[i]).AsSpan().SequenceEqual(File.ReadAllBytes(x64Parts[i])), $"part {i + 1} differs");
        Assert.Equal(original, File.ReadAllBytes(Path.Combine(work, "arm-decoded", "data.bin")));
        Assert.Equal(original, File.ReadAllBytes(Path.Combine(work, "x64-decoded", "data.bin")));
    }

    private static string ExpectedYencKernel(string level) => level switch
    {
        "x86-64-v4" => "512-bit (AVX-512 VBMI2)",
        "x86-64-v3" => "256-bit (AVX2)",
        _ => "128-bit (SSSE3)",
    };

    private string NewFolder()
    {
        var folder = Path.Combine(tool.Root, "run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
