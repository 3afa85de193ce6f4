using System.IO.Compression;
using System.Text;

namespace Inet.Tests.Nntp.EmbeddedServer;

public sealed class CompressionTests
{
    [Fact]
    public async Task CompressDeflate_206ThenEverythingCompressed()
    {
        await using var server = await TestServers.StartAsync(o => o.EnableStartTls = true);
        var body = new StringBuilder();
        for (int i = 0; i < 5000; i++)
            body.Append(i % 5 == 0 ? ".dot " : "line ").Append(i).Append("\r\n");
        await Inet.Nntp.Server.ArticleStoreExtensions.AddArticleAsync(server.Store, "misc.test", "Big", body.ToString(), "<z@test>");
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (_, caps) = await client.MultiAsync("CAPABILITIES");
        Assert.Contains("COMPRESS DEFLATE", caps);
        Assert.StartsWith("206 ", await client.CommandAsync("COMPRESS DEFLATE"));
        client.StartCompression();
        Assert.Equal("211 4 1 4 misc.test", await client.CommandAsync("GROUP misc.test"));
        Assert.StartsWith("222 4 <z@test>", await client.CommandAsync("BODY 4"));
        Assert.Equal(body.ToString(), Encoding.ASCII.GetString(await client.ReadBlockBytesAsync()));
        (_, caps) = await client.MultiAsync("CAPABILITIES");
        Assert.DoesNotContain("COMPRESS DEFLATE", caps);
        Assert.StartsWith("502 ", await client.CommandAsync("COMPRESS DEFLATE"));
        Assert.StartsWith("502 ", await client.CommandAsync("STARTTLS"));
        Assert.StartsWith("205 ", await client.CommandAsync("QUIT"));
    }

    [Fact]
    public async Task Compress_SyntaxAndAlgorithmErrors()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("501 ", await client.CommandAsync("COMPRESS"));
        Assert.StartsWith("503 ", await client.CommandAsync("COMPRESS LZ4"));
        Assert.StartsWith("111 ", await client.CommandAsync("DATE"));
    }

    [Fact]
    public async Task Compress_Disabled_502AndNotAdvertised()
    {
        await using var server = await TestServers.StartAsync(o => o.EnableCompression = false);
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        var (_, caps) = await client.MultiAsync("CAPABILITIES");
        Assert.DoesNotContain("COMPRESS DEFLATE", caps);
        Assert.StartsWith("502 ", await client.CommandAsync("COMPRESS DEFLATE"));
    }

    [Fact]
    public async Task Compress_NeedsAuthenticationFirst()
    {
        await using var server = await TestServers.StartAsync(o =>
        {
            o.UserName = "u";
            o.Password = "p";
        });
        await using var client = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("480 ", await client.CommandAsync("COMPRESS DEFLATE"));
    }

    [Fact]
    public async Task DeflateBomb_DoesNotTakeTheServerDown()
    {
        await using var server = await TestServers.StartAsync();
        await using (var client = await RawNntpClient.ConnectAsync(server.EndPoint))
        {
            Assert.StartsWith("206 ", await client.CommandAsync("COMPRESS DEFLATE"));
            client.StartCompression();
            byte[] chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)'A');
            try
            {
                for (int i = 0; i < 32; i++)
                    await client.SendRawAsync(chunk);
                await client.SendRawAsync("\r\nDATE\r\n"u8.ToArray());
                // Either the over-long line is refused (500) or the inflation limit cut the connection.
                string? reply = await client.ReadLineAsync();
                Assert.True(reply is null || reply.StartsWith("500 ", StringComparison.Ordinal), reply);
            }
            catch (IOException)
            {
                // The server closed the connection while we were still sending: also acceptable.
            }
        }
        await using var next = await RawNntpClient.ConnectAsync(server.EndPoint);
        Assert.StartsWith("111 ", await next.CommandAsync("DATE"));
    }
}
